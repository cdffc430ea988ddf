package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.congestion.AckSample;

/**
 * Applies an ACK to the scoreboard: records wholly inside a SACK block are marked SACKed, records
 * below the cumulative ACK leave the log; each record reaches the peer once, and then feeds the
 * delivery-rate sample and RACK's idea of the most recently delivered transmission.
 */
final class DeliveryMarker
{
    private final SentLog log;
    private final DeliveryRateSampler rate;
    private final Rack rack;
    private final AckSample sample;

    DeliveryMarker(final SentLog log, final DeliveryRateSampler rate, final Rack rack, final AckSample sample)
    {
        this.log = log;
        this.rate = rate;
        this.rack = rack;
        this.sample = sample;
    }

    /** Marks the records wholly inside one SACK block; blocks outside (SND.UNA, SND.MAX] are ignored. */
    void markSacked(final long nowNs, final Segment seg, final int left, final int right, final int sndUna,
        final int sndMax)
    {
        if (!SeqNum.lt(left, right) || SeqNum.lt(left, sndUna) || SeqNum.gt(right, sndMax))
        {
            return;
        }
        for (int i = log.firstEndingAfter(left); i < log.size(); i++)
        {
            final int slot = log.slot(i);
            if (SeqNum.ge(log.start(slot), right))
            {
                break;
            }
            if (SeqNum.ge(log.start(slot), left) && SeqNum.le(log.end(slot), right) && !log.is(slot, SentLog.SACKED))
            {
                log.markSacked(slot);
                onDelivered(nowNs, seg, slot);
            }
        }
    }

    /**
     * Removes the records the cumulative ACK covers.
     *
     * @param undoPossible whether the episode's response can still be undone (else Eifel is not asked)
     * @return true if timestamps show that the retransmission of the oldest record was spurious
     */
    boolean acknowledgeCumulatively(final long nowNs, final Segment seg, final int ack, final boolean undoPossible)
    {
        boolean spurious = false;
        boolean first = true;
        while (!log.isEmpty())
        {
            final int slot = log.slot(0);
            if (SeqNum.le(log.end(slot), ack))
            {
                if (first && log.is(slot, SentLog.RETRANSMITTED) && undoPossible && echoesEarlierSend(seg, slot))
                {
                    spurious = true; // Eifel (RFC 3522): the ACK was for the original transmission
                }
                onDelivered(nowNs, seg, slot);
                log.removeHead();
            }
            else
            {
                if (SeqNum.gt(ack, log.start(slot)))
                {
                    rate.onDeliveredBytes(nowNs, SeqNum.diff(ack, log.start(slot)), sample);
                    log.trimHead(ack);
                }
                break;
            }
            first = false;
        }
        return spurious;
    }

    /** The ACK echoes a timestamp older than the record's last transmission. */
    private boolean echoesEarlierSend(final Segment seg, final int slot)
    {
        return seg.hasTimestamps && seg.tsEcr != 0 && SeqNum.lt(seg.tsEcr, log.tsVal(slot));
    }

    /** A record reached the peer (by SACK or cumulative ACK; each counts once): rate sample and RACK. */
    private void onDelivered(final long nowNs, final Segment seg, final int slot)
    {
        if (log.is(slot, SentLog.DELIVERED))
        {
            return;
        }
        log.markDelivered(slot);
        rate.onDelivered(nowNs, log, slot, sample);
        // The ACK may be for an earlier transmission of a retransmitted record: then it gives no RTT.
        final boolean ambiguous = log.is(slot, SentLog.RETRANSMITTED)
            && (echoesEarlierSend(seg, slot) || nowNs - log.sentNs(slot) < sample.minRttNs);
        rack.onDelivered(nowNs, log, slot, ambiguous);
    }
}
