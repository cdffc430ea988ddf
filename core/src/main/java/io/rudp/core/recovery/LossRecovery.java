package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.congestion.CongestionControl;
import io.rudp.core.stats.ConnectionCounters;

/**
 * A connection's loss recovery: counting duplicate ACKs, deciding when fast recovery starts and
 * ends, and what to retransmit meanwhile. With SACK (RFC 2018) it follows RFC 6675: a scoreboard
 * of SACKed data marks holes lost, and lost bytes are resent while the pipe leaves room. Without
 * SACK it is NewReno (RFC 5681 §3.2, RFC 6582): fast retransmit on the third duplicate ACK, window
 * inflation per further duplicate, the next hole resent on each partial ACK.
 *
 * <p>The connection owns the sequence space and passes SND.UNA / SND.MAX in; this class holds only
 * the recovery state. The congestion response itself belongs to the {@link CongestionControl}.
 */
public final class LossRecovery
{
    private final SackScoreboard scoreboard = new SackScoreboard();
    private boolean sack;
    private int mssBytes = 1;
    private int dupAcks;
    private boolean inRecovery;
    /** RFC 6582 "recover": SND.MAX when recovery (or the last timeout) began. */
    private int recoverSeq;
    /** Highest byte retransmitted in the current SACK recovery (RFC 6675 HighRxt). */
    private int highRxt;
    /** NewReno window inflation during fast recovery (RFC 6582 §3.2 steps 3-5). */
    private long inflationBytes;
    private boolean retransmitOneDue;

    /** Starts the sequence space at the ISN: recover = ISS (RFC 6582 §3.2 step 1). */
    public void init(final int iss)
    {
        recoverSeq = iss;
        highRxt = iss;
    }

    /** Sets what the handshake negotiated: whether the peer SACKs, and the data bytes of a full segment. */
    public void configure(final boolean sackEnabled, final int segmentBytes)
    {
        sack = sackEnabled;
        mssBytes = segmentBytes;
    }

    public boolean inRecovery()
    {
        return inRecovery;
    }

    /** Extra window NewReno fast recovery allows on top of cwnd (0 with SACK, where the pipe governs). */
    public long inflationBytes()
    {
        return inflationBytes;
    }

    /** Records an ACK's SACK blocks; returns the bytes newly SACKed (which make it count as a duplicate). */
    public long onSackBlocks(final Segment seg, final int sndUna, final int sndMax)
    {
        return sack && seg.sackBlockCount > 0 ? scoreboard.onAck(seg, sndUna, sndMax) : 0;
    }

    /** The cumulative ACK advanced to {@code ack}, acknowledging {@code ackedBytes}. */
    public void onNewAck(final long nowNs, final int ack, final int ackedBytes, final int sndMax,
        final CongestionControl congestion)
    {
        scoreboard.onCumulativeAck(ack);
        if (inRecovery)
        {
            if (SeqNum.ge(ack, recoverSeq))
            {
                inRecovery = false;
                inflationBytes = 0;
                congestion.onRecoveryEnd(nowNs, SeqNum.diff(sndMax, ack));
            }
            else if (!sack)
            {
                // NewReno partial ACK (RFC 6582 §3.2 step 5): the next hole is lost too.
                retransmitOneDue = true;
                inflationBytes = Math.max(0, inflationBytes - ackedBytes) + mssBytes;
            }
        }
        if (!inRecovery)
        {
            dupAcks = 0;
        }
    }

    /** A duplicate ACK (RFC 5681 §2), or one that SACKed new data. */
    public void onDuplicateAck(final long nowNs, final int sndUna, final int sndMax, final CongestionControl congestion,
        final ConnectionCounters counters)
    {
        dupAcks++;
        counters.duplicateAcks++;
        if (sack)
        {
            return; // the scoreboard decides: see afterAck
        }
        if (inRecovery)
        {
            inflationBytes += mssBytes; // RFC 6582 §3.2 step 4: a segment left the network
        }
        else if (dupAcks == 3 && mayStartRecovery(sndUna))
        {
            startRecovery(nowNs, sndUna, sndMax, congestion, counters);
            inflationBytes = 3L * mssBytes;
            retransmitOneDue = true;
        }
    }

    /**
     * After each ACK, with SACK: RFC 6675 §5 starts recovery on the third duplicate ACK, or as soon
     * as the scoreboard shows the first unacknowledged byte lost, whichever comes first.
     */
    public void afterAck(final long nowNs, final int sndUna, final int sndMax, final CongestionControl congestion,
        final ConnectionCounters counters)
    {
        if (!sack || inRecovery || scoreboard.isEmpty() || !mayStartRecovery(sndUna))
        {
            return;
        }
        final boolean firstByteLost = SeqNum.gt(scoreboard.lostBoundary(sndUna, mssBytes), sndUna);
        if (dupAcks >= 3 || firstByteLost)
        {
            startRecovery(nowNs, sndUna, sndMax, congestion, counters);
        }
    }

    /** RFC 6582 §3.2 step 2: only if the ACK covers more than recover, so once per window. */
    private boolean mayStartRecovery(final int sndUna)
    {
        return SeqNum.gt(sndUna - 1, recoverSeq);
    }

    private void startRecovery(final long nowNs, final int sndUna, final int sndMax, final CongestionControl congestion,
        final ConnectionCounters counters)
    {
        inRecovery = true;
        recoverSeq = sndMax;
        highRxt = sndUna;
        congestion.onCongestionEvent(nowNs, SeqNum.diff(sndMax, sndUna));
        counters.fastRetransmits++;
    }

    /** The retransmission timer fired: recovery is over, and recover moves to SND.MAX (RFC 6582 §3.2 step 4). */
    public void onRetransmissionTimeout(final int sndMax)
    {
        inRecovery = false;
        inflationBytes = 0;
        dupAcks = 0;
        recoverSeq = sndMax;
        retransmitOneDue = false;
    }

    /** NewReno: whether the segment at SND.UNA is due for retransmission now (and clears the flag). */
    public boolean takeRetransmitOne()
    {
        final boolean due = retransmitOneDue;
        retransmitOneDue = false;
        return due;
    }

    /** True while SACK-based recovery decides retransmissions through the pipe. */
    public boolean sackRecovery()
    {
        return inRecovery && sack;
    }

    /**
     * RFC 6675 NextSeg rule 1: the next lost byte to resend, if the pipe leaves room for a segment
     * under {@code cwndBytes}; else {@link SackScoreboard#NONE}.
     */
    public int nextRetransmission(final int sndUna, final int sndMax, final long cwndBytes)
    {
        if (cwndBytes - pipe(sndUna, sndMax) < mssBytes)
        {
            return SackScoreboard.NONE;
        }
        return scoreboard.nextLostByte(highRxt, sndUna, mssBytes);
    }

    /** How much to resend from {@code seq}: up to a segment, stopping at the next SACKed byte. */
    public int retransmissionLength(final int seq, final int sndMax)
    {
        return Math.min(mssBytes, SeqNum.diff(scoreboard.nextSackedStart(seq, sndMax), seq));
    }

    public void onRetransmitted(final int seq, final int length)
    {
        highRxt = SeqNum.max(highRxt, seq + length);
    }

    /** Bytes believed in the network (RFC 6675 SetPipe). */
    public long pipe(final int sndUna, final int sndMax)
    {
        return scoreboard.pipe(sndUna, sndMax, highRxt, mssBytes);
    }

    /** Going back after a timeout: the first byte at or after {@code seq} the peer has not SACKed. */
    public int skipSacked(final int seq)
    {
        return sack ? scoreboard.skipSacked(seq) : seq;
    }

    /** Start of the next SACKed range after {@code seq}, or {@code limit}. */
    public int nextSackedStart(final int seq, final int limit)
    {
        return sack ? scoreboard.nextSackedStart(seq, limit) : limit;
    }

    /** For {@code describeState}: the recovery fields, sequence numbers relative to {@code iss}. */
    public String describe(final int iss, final int sndUna, final int sndMax)
    {
        return "recovery=" + inRecovery + " recover=" + (recoverSeq - iss) + " highRxt=" + (highRxt - iss)
            + " sacked=" + scoreboard.sackedBytes() + " pipe=" + pipe(sndUna, sndMax) + " dupAcks=" + dupAcks;
    }
}
