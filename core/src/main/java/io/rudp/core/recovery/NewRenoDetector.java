package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.congestion.AckSample;
import io.rudp.core.stats.ConnectionCounters;

/**
 * NewReno without SACK (RFC 5681 §3.2, RFC 6582): fast retransmit on the third duplicate ACK,
 * window inflation per further duplicate, the next hole resent on each partial ACK.
 */
final class NewRenoDetector implements LossDetector
{
    /** RFC 5681 / RFC 6675 DupThresh. */
    static final int DUP_THRESH = 3;

    private final SentLog log;
    private final RecoveryEpisode episode;
    private final ConnectionCounters counters;
    private int mssBytes = 1;
    private int dupAcks;
    private long inflationBytes;
    private boolean retransmitOneDue;

    NewRenoDetector(final SentLog log, final RecoveryEpisode episode, final ConnectionCounters counters)
    {
        this.log = log;
        this.episode = episode;
        this.counters = counters;
    }

    void segmentBytes(final int bytes)
    {
        mssBytes = bytes;
    }

    /** {@return extra window fast recovery allows on top of cwnd} */
    long inflationBytes()
    {
        return inflationBytes;
    }

    /** {@return whether the segment at SND.UNA is due for retransmission now (clearing it)} */
    boolean takeRetransmitOne()
    {
        final boolean due = retransmitOneDue;
        retransmitOneDue = false;
        return due;
    }

    @Override
    public void onAck(final long nowNs, final Segment seg, final int sndUna, final int sndMax, final boolean advanced,
        final boolean duplicate, final boolean dsack, final AckSample sample)
    {
        if (advanced)
        {
            dupAcks = 0;
            if (episode.fast())
            {
                // NewReno partial ACK (RFC 6582 §3.2 step 5): the next hole is lost too.
                retransmitOneDue = true;
                inflationBytes = Math.max(0, inflationBytes - SeqNum.diff(seg.ack, sndUna)) + mssBytes;
            }
            return;
        }
        if (!duplicate)
        {
            return;
        }
        dupAcks++;
        counters.duplicateAcks++;
        if (episode.fast())
        {
            inflationBytes += mssBytes; // RFC 6582 §3.2 step 4: a segment left the network
        }
        else if (!episode.active() && dupAcks == DUP_THRESH && SeqNum.gt(sndUna, episode.recoverSeq()))
        {
            // RFC 6582 §3.2 step 2: only if the ACK covers more than recover, so once per window
            // (and not for duplicates of a window a timeout already resent). recover starts at the
            // ISS: duplicates of the SYN's ACK alone leave a lost first segment to the RTO.
            episode.start(nowNs, sndMax, log.inFlightBytes());
            episode.firstRetransmitSent();
            inflationBytes = (long)DUP_THRESH * mssBytes;
            retransmitOneDue = true;
        }
    }

    @Override
    public void onRetransmissionTimeout()
    {
        dupAcks = 0;
        inflationBytes = 0;
        retransmitOneDue = false;
    }

    @Override
    public void onEpisodeEnd()
    {
        inflationBytes = 0;
    }

    @Override
    public String describe()
    {
        return "dupAcks=" + dupAcks + " inflation=" + inflationBytes;
    }
}
