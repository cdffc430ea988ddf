package io.rudp.core.congestion;

/**
 * HyStart++ (RFC 9406): ends slow start when the round-trip time starts to grow — a queue is
 * building — instead of doubling the window until a burst of losses. When the minimum RTT of a round
 * exceeds the last round's by a threshold (an eighth of it, clamped to 4..16 ms), slow start turns
 * conservative (a quarter of the growth) for five rounds, and then hands over to congestion
 * avoidance; if the RTT falls back meanwhile, the increase was noise and slow start resumes.
 *
 * <p>Rounds are counted in delivered bytes: a round ends when a segment sent after the round began
 * is acknowledged.
 */
final class HyStartPlusPlus
{
    static final long MIN_RTT_THRESH_NS = 4_000_000L;
    static final long MAX_RTT_THRESH_NS = 16_000_000L;
    static final int MIN_RTT_DIVISOR = 8;
    static final int N_RTT_SAMPLE = 8;
    /** Growth in conservative slow start is divided by this. */
    static final int CSS_GROWTH_DIVISOR = 4;
    static final int CSS_ROUNDS = 5;

    private long roundEndDelivered;
    private long lastRoundMinRttNs = Long.MAX_VALUE;
    private long currentRoundMinRttNs = Long.MAX_VALUE;
    private int rttSampleCount;
    private boolean conservative;
    private long cssBaselineMinRttNs;
    private int cssRounds;

    /**
     * Whether slow start is in its conservative phase (grow by a quarter).
     *
     * @return whether it is
     */
    public boolean conservative()
    {
        return conservative;
    }

    /**
     * Feeds one ACK taken during slow start.
     *
     * @return true when slow start should end now (the conservative phase ran its rounds)
     *
     * @param ack what the ACK did
     */
    public boolean onAck(final AckSample ack)
    {
        final boolean roundStart = ack.priorDeliveredBytes >= 0 && ack.priorDeliveredBytes >= roundEndDelivered;
        if (roundStart)
        {
            roundEndDelivered = ack.totalDeliveredBytes;
            lastRoundMinRttNs = currentRoundMinRttNs;
            currentRoundMinRttNs = Long.MAX_VALUE;
            rttSampleCount = 0;
            if (conservative && ++cssRounds >= CSS_ROUNDS)
            {
                conservative = false;
                return true;
            }
        }
        if (ack.rttNs >= 0)
        {
            currentRoundMinRttNs = Math.min(currentRoundMinRttNs, ack.rttNs);
            rttSampleCount++;
        }
        if (conservative)
        {
            if (currentRoundMinRttNs < cssBaselineMinRttNs)
            {
                conservative = false; // the delay increase was noise: back to slow start
            }
            return false;
        }
        if (rttSampleCount >= N_RTT_SAMPLE && currentRoundMinRttNs != Long.MAX_VALUE
            && lastRoundMinRttNs != Long.MAX_VALUE)
        {
            final long threshNs = Math.max(MIN_RTT_THRESH_NS,
                Math.min(lastRoundMinRttNs / MIN_RTT_DIVISOR, MAX_RTT_THRESH_NS));
            if (currentRoundMinRttNs >= lastRoundMinRttNs + threshNs)
            {
                conservative = true;
                cssBaselineMinRttNs = currentRoundMinRttNs;
                cssRounds = 0;
            }
        }
        return false;
    }

    /**
     * How much the window grows for {@code ackedBytes} acknowledged in slow start: ABC with L = 2
     * (RFC 3465), a quarter of that in the conservative phase.
     *
     * @param ackedBytes bytes the ACK acknowledged
     * @param mssBytes data bytes in a full segment
     * @return bytes to add to the window
     */
    public double slowStartIncreaseBytes(final long ackedBytes, final int mssBytes)
    {
        final double growth = Math.min(ackedBytes, 2L * mssBytes);
        return conservative ? growth / CSS_GROWTH_DIVISOR : growth;
    }

    /** A loss or timeout ended slow start the classic way. */
    public void reset()
    {
        conservative = false;
    }
}
