package io.rudp.core.connection;

/**
 * When the receiver acknowledges: at once (out-of-order data, a filled hole, every second
 * full-sized segment, a FIN, a window update), after the delayed-ACK timer (RFC 5681 §4.2, RFC 9293
 * §3.8.6.3), or for a segment it rejects — with the rate limits that keep such answers from
 * feeding a loop or an attack: one ACK per {@link #OUT_OF_WINDOW_ACK_INTERVAL_NS} for out-of-window
 * pure ACKs (Linux's tcp_invalid_ratelimit), and RFC 5961's challenge ACKs per second (§7).
 *
 * <p>It decides, and remembers what was last acknowledged; the connection owns the timer and writes the ACK.
 */
final class AckPolicy
{
    /** At most one answer to out-of-window pure ACKs this often: two confused endpoints would otherwise ACK each other forever. */
    static final long OUT_OF_WINDOW_ACK_INTERVAL_NS = 500_000_000L;
    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final long delayedAckNs;
    private final int challengeAcksPerSecond;
    private boolean ackNow;
    private int fullSegmentsUnacked;
    private int lastAckSent;
    private long lastOutOfWindowAckNs;
    private boolean outOfWindowAckSent;
    private long challengeWindowStartNs;
    private boolean challengeWindowStarted;
    private int challengeAcksInWindow;

    /**
     * @param delayedAckNs how long an ACK may wait for a second segment (0: never waits)
     * @param challengeAcksPerSecond RFC 5961 challenge ACKs allowed per second
     */
    AckPolicy(final long delayedAckNs, final int challengeAcksPerSecond)
    {
        this.delayedAckNs = delayedAckNs;
        this.challengeAcksPerSecond = challengeAcksPerSecond;
    }

    /** The peer's ISN is known: the first ACK will acknowledge its SYN. */
    void init(final int rcvNxt)
    {
        lastAckSent = rcvNxt;
    }

    /** An ACK is to go at once. */
    void requestNow()
    {
        ackNow = true;
    }

    /** {@return whether an ACK is to go at once} */
    boolean due()
    {
        return ackNow;
    }

    /** {@return the acknowledgment number last sent (RFC 7323's Last.ACK.sent)} */
    int lastAckSent()
    {
        return lastAckSent;
    }

    /**
     * In-order data that advanced RCV.NXT: every second full-sized segment is acknowledged at once,
     * anything else may wait for the delayed-ACK timer.
     *
     * @return the delay to arm the delayed-ACK timer with (if it is not armed already), or -1 if
     * the ACK goes at once
     */
    long onInOrderData(final int payloadBytes, final int mssDataBytes)
    {
        if (payloadBytes >= mssDataBytes)
        {
            fullSegmentsUnacked++;
        }
        if (fullSegmentsUnacked >= 2 || delayedAckNs == 0)
        {
            ackNow = true;
            return -1;
        }
        return delayedAckNs;
    }

    /**
     * An out-of-window pure ACK arrived: answered only if the last such answer was long enough
     * ago. Segments with data are always answered: they are not part of such a loop.
     *
     * @return true if an ACK is now due
     */
    boolean onOutOfWindowAck(final long nowNs)
    {
        if (nowNs - lastOutOfWindowAckNs < OUT_OF_WINDOW_ACK_INTERVAL_NS && outOfWindowAckSent)
        {
            return false;
        }
        outOfWindowAckSent = true;
        lastOutOfWindowAckNs = nowNs;
        ackNow = true;
        return true;
    }

    /**
     * RFC 5961 §3.2/§4.2/§5.2: a challenge ACK, unless this second's allowance is spent.
     *
     * @return true if it goes
     */
    boolean challenge(final long nowNs)
    {
        if (!challengeWindowStarted || nowNs - challengeWindowStartNs >= NS_PER_SECOND)
        {
            challengeWindowStarted = true;
            challengeWindowStartNs = nowNs;
            challengeAcksInWindow = 0;
        }
        if (challengeAcksInWindow < challengeAcksPerSecond)
        {
            challengeAcksInWindow++;
            ackNow = true;
            return true;
        }
        return false;
    }

    /** A segment acknowledging {@code ack} went out: nothing is owed until more arrives. */
    void onAckSent(final int ack)
    {
        lastAckSent = ack;
        ackNow = false;
        fullSegmentsUnacked = 0;
    }
}
