package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.congestion.AckSample;
import io.rudp.core.stats.ConnectionCounters;

/**
 * RACK-TLP (RFC 8985), with SACK: a segment is lost once a segment sent after it has been
 * delivered and a reordering window has passed; a tail-loss probe two RTTs after the last send
 * turns a lost tail into an ACK carrying SACK instead of a retransmission timeout. A lost path-MTU
 * probe alone starts no episode.
 */
final class RackTlpDetector implements LossDetector
{
    private final SentLog log;
    private final RecoveryEpisode episode;
    private final Rack rack;
    private final MtuProbeTracker mtuProbes;
    private final RecoveryPath path;
    private final ConnectionCounters counters;
    private final TailLossProbe tlp = new TailLossProbe();
    private int mssBytes = 1;
    private int dupAcks;

    RackTlpDetector(final SentLog log, final RecoveryEpisode episode, final Rack rack, final MtuProbeTracker mtuProbes,
        final RecoveryPath path, final ConnectionCounters counters)
    {
        this.log = log;
        this.episode = episode;
        this.rack = rack;
        this.mtuProbes = mtuProbes;
        this.path = path;
        this.counters = counters;
    }

    void segmentBytes(final int bytes)
    {
        mssBytes = bytes;
    }

    @Override
    public void onAck(final long nowNs, final Segment seg, final int sndUna, final int sndMax, final boolean advanced,
        final boolean duplicate, final boolean dsack, final AckSample s)
    {
        if (advanced)
        {
            dupAcks = 0;
        }
        if (duplicate || (!advanced && s.deliveredBytes > 0))
        {
            dupAcks++;
            counters.duplicateAcks++;
        }
        s.lostBytes = detectLoss(nowNs);
        final long probeLostBytes = mtuProbes.settle(seg.ack, mssBytes);
        if (s.lostBytes > probeLostBytes && !episode.active())
        {
            episode.start(nowNs, sndMax, s.priorInFlightBytes);
        }
        if (tlp.onAck(seg.ack, advanced, dsack, duplicate && s.deliveredBytes == 0) && !episode.active())
        {
            episode.tailRepaired(nowNs, log.inFlightBytes());
        }
    }

    /** RACK loss detection over the log (RFC 8985 §6.2 step 5); returns bytes newly deemed lost. */
    private long detectLoss(final long nowNs)
    {
        return rack.detectLoss(nowNs, log, reorderingWindowNs(path.srttNs(), path.minRttNs()));
    }

    /** RACK's reordering window now (see {@link Rack#reorderingWindowNs}). */
    long reorderingWindowNs(final long srttNs, final long minRttNs)
    {
        return rack.reorderingWindowNs(srttNs, minRttNs, episode.active(), log.sackedBytes(), mssBytes);
    }

    /** The reordering timer fired: detection runs again (RFC 8985 §6.3). */
    void onReorderTimeout(final long nowNs, final int sndMax)
    {
        final long inFlightBefore = log.inFlightBytes();
        final long lostBytes = detectLoss(nowNs);
        if (lostBytes > mtuProbes.settleAtOldest(mssBytes) && !episode.active())
        {
            episode.start(nowNs, sndMax, inFlightBefore);
        }
    }

    /** When the probe timeout should fire (RFC 8985 §7.2), or {@link LossRecovery#NONE}. */
    long probeDeadlineNs(final long nowNs, final long rtoDeadlineNs)
    {
        final long srttNs = path.srttNs();
        if (episode.active() || tlp.outstanding() || log.isEmpty() || srttNs < 0 || rack.deadlineNs() != LossRecovery.NONE)
        {
            return LossRecovery.NONE;
        }
        return tlp.deadlineNs(nowNs, srttNs, log.inFlightBytes(), mssBytes, rtoDeadlineNs);
    }

    void onProbeTimeout()
    {
        if (!episode.active())
        {
            tlp.onTimeout();
        }
    }

    boolean probeDue()
    {
        return tlp.due();
    }

    void onProbeSent(final int endSeq, final boolean retransmission)
    {
        tlp.onSent(endSeq, retransmission);
        counters.tailLossProbes++;
    }

    void cancelProbe()
    {
        tlp.cancel();
    }

    @Override
    public void onRetransmissionTimeout()
    {
        dupAcks = 0;
        tlp.reset();
        rack.clearDeadline();
    }

    @Override
    public void onEpisodeEnd()
    {
        // RACK's reordering window adapts per episode in Rack itself
    }

    @Override
    public String describe()
    {
        return "dupAcks=" + dupAcks + " reoWndMult=" + rack.reoWndMult() + " tlp=" + tlp.outstanding()
            + " rack[" + rack.describe() + "]";
    }
}
