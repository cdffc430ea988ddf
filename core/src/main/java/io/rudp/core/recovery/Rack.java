package io.rudp.core.recovery;

import io.rudp.core.codec.SeqNum;
import io.rudp.core.timer.Deadlines;

/**
 * RACK (RFC 8985 §6): time-based loss detection. It remembers the most recently sent segment that
 * has been delivered; any segment sent before it and still unacknowledged is lost once that
 * segment's RTT plus a reordering window has passed since it was sent. The window adapts: zero
 * until reordering is seen (during recovery, or with DupThresh segments SACKed), a quarter of the
 * minimum RTT otherwise, widened by each round trip that brings a D-SACK.
 */
final class Rack
{
    /** RFC 8985 §6.2: recoveries after which a widened reordering window returns to its base. */
    static final int REO_WND_PERSIST = 16;
    /**
     * The smallest non-zero reordering window. On a sub-millisecond path a quarter of the minimum
     * RTT is tens of microseconds, less than a scheduler's hiccup, and every reordered segment would
     * be retransmitted; the transport's timers are millisecond-grained anyway.
     */
    static final long MIN_REO_WND_NS = 1_000_000L;

    private long xmitNs;
    /** False until a delivery stamps {@link #xmitNs}. */
    private boolean xmitKnown;
    private int endSeq;
    private long rttNs;
    private int fack;
    /** RACK.fack as it was before the ACK being processed (a later part of the same ACK is not reordering). */
    private int fackBeforeAck;
    private boolean reorderingSeen;
    private int reoWndMult = 1;
    private int reoWndPersist = REO_WND_PERSIST;
    private boolean dsackRoundActive;
    private int dsackRoundEnd;
    private long deadlineNs = LossRecovery.NONE;

    void init(final int iss)
    {
        fack = iss;
        dsackRoundEnd = iss;
    }

    /** When the reordering timer should fire, or {@link LossRecovery#NONE}. */
    long deadlineNs()
    {
        return deadlineNs;
    }

    void clearDeadline()
    {
        deadlineNs = LossRecovery.NONE;
    }

    int reoWndMult()
    {
        return reoWndMult;
    }

    void reorderingSeen()
    {
        reorderingSeen = true;
    }

    /** An ACK is about to be processed. */
    void beginAck()
    {
        fackBeforeAck = fack;
    }

    /**
     * RFC 8985 §6.2 steps 2-3: a record was delivered. {@code ambiguous} says the ACK may be for an
     * earlier transmission of a retransmitted record, which then gives no RTT.
     */
    void onDelivered(final long nowNs, final SentLog log, final int slot, final boolean ambiguous)
    {
        if (ambiguous)
        {
            return;
        }
        final long sentNs = log.sentNs(slot);
        if (!xmitKnown || sentNs - xmitNs > 0 || (sentNs == xmitNs && SeqNum.gt(log.end(slot), endSeq)))
        {
            xmitNs = sentNs;
            xmitKnown = true;
            endSeq = log.end(slot);
            rttNs = nowNs - sentNs;
        }
        if (!log.is(slot, SentLog.RETRANSMITTED) && SeqNum.lt(log.end(slot), fackBeforeAck))
        {
            reorderingSeen = true; // delivered below what an earlier ACK had already covered
        }
        fack = SeqNum.max(fack, log.end(slot));
    }

    /** For {@code describeState}: the newest delivered transmission and its RTT. */
    String describe()
    {
        return xmitKnown ? "rtt=" + rttNs / 1_000 + "us deadline=" + (deadlineNs == LossRecovery.NONE ? "-" : "set")
            + " reorderingSeen=" + reorderingSeen : "-";
    }

    /** RFC 8985 §6.2 step 4: a D-SACK widens the window, at most once per round trip. */
    void onDsack(final int sndUna, final int sndMax)
    {
        reorderingSeen = true;
        if (dsackRoundActive && SeqNum.ge(sndUna, dsackRoundEnd))
        {
            dsackRoundActive = false;
        }
        if (!dsackRoundActive)
        {
            dsackRoundActive = true;
            dsackRoundEnd = sndMax;
            reoWndMult++;
            reoWndPersist = REO_WND_PERSIST;
        }
    }

    /** A recovery episode ended: a widened window decays back after {@link #REO_WND_PERSIST} of them. */
    void onRecoveryEnd()
    {
        if (reoWndPersist > 0 && --reoWndPersist == 0)
        {
            reoWndMult = 1;
        }
    }

    /**
     * RFC 8985 §6.2 step 4. Without reordering seen, zero once recovery runs or DupThresh segments
     * are SACKed; otherwise a quarter of the minimum RTT, times the multiplier D-SACKs raise. The
     * window is bounded by 2·SRTT rather than the RFC's SRTT (it only gets there after D-SACKs raised
     * the multiplier past 4), so a path that reorders by up to two round trips stops costing
     * retransmissions once D-SACKs have shown it; the retransmission timeout remains the backstop.
     * A non-zero window is at least {@link #MIN_REO_WND_NS}.
     */
    long reorderingWindowNs(final long srttNs, final long minRttNs, final boolean inRecovery, final long sackedBytes,
        final int mssBytes)
    {
        if (!reorderingSeen && (inRecovery || sackedBytes >= (long)LossRecovery.DUP_THRESH * mssBytes))
        {
            return 0;
        }
        if (minRttNs == Long.MAX_VALUE || srttNs < 0)
        {
            return 0;
        }
        return Math.max(MIN_REO_WND_NS, Math.min(reoWndMult * (minRttNs / 4), 2 * srttNs));
    }

    /**
     * RFC 8985 §6.2 step 5: marks lost every record sent before the most recently delivered one
     * whose RTT plus the reordering window has passed, and sets the timer for the first that is
     * still inside it.
     *
     * @return bytes newly deemed lost
     */
    long detectLoss(final long nowNs, final SentLog log, final long reoWndNs)
    {
        deadlineNs = LossRecovery.NONE;
        if (!xmitKnown)
        {
            return 0;
        }
        long lost = 0;
        for (int i = 0; i < log.size(); i++)
        {
            final int slot = log.slot(i);
            final long sentNs = log.sentNs(slot);
            final boolean sentBefore = sentNs - xmitNs < 0 || (sentNs == xmitNs && SeqNum.lt(log.end(slot), endSeq));
            if (!sentBefore)
            {
                if (!log.is(slot, SentLog.RETRANSMITTED) && log.retransmittedRecords() == 0)
                {
                    break; // first transmissions go out in sequence order: the rest are newer still
                }
                continue;
            }
            if (log.is(slot, SentLog.SACKED) || log.is(slot, SentLog.LOST))
            {
                continue;
            }
            final long remainingNs = sentNs + rttNs + reoWndNs - nowNs;
            if (remainingNs <= 0)
            {
                log.markLost(slot);
                lost += log.length(slot);
            }
            else
            {
                deadlineNs = Deadlines.earlier(deadlineNs, nowNs + remainingNs);
            }
        }
        return lost;
    }
}
