package io.rudp.core.congestion;

/**
 * What one ACK told the sender, as a congestion controller needs it: bytes newly acknowledged, the
 * RTT, what is in flight, and a delivery-rate sample (draft-cheng-iccrg-delivery-rate-estimation).
 *
 * <p>One mutable instance per connection, refilled for every ACK (nothing allocates on the ACK
 * path); a controller reads it during {@link CongestionControl#onAck} and must not keep it.
 */
public final class AckSample
{
    /** When the ACK arrived, on the connection's clock. */
    public long nowNs;
    /** Bytes the cumulative ACK newly covered. */
    public long ackedBytes;
    /** Bytes newly delivered, cumulatively or by SACK. */
    public long deliveredBytes;
    /** Bytes newly deemed lost while processing this ACK. */
    public long lostBytes;
    /** RTT sample from this ACK, or -1. */
    public long rttNs;
    /** Smoothed RTT, or -1 before the first sample. */
    public long srttNs;
    /** Smallest RTT seen on the connection, or -1 before the first sample. */
    public long minRttNs;
    /** Bytes in flight before this ACK. */
    public long priorInFlightBytes;
    /** Bytes in flight after it. */
    public long inFlightBytes;
    /** True during fast recovery or recovery after a timeout. */
    public boolean inRecovery;
    /**
     * True during the recovery that follows a retransmission timeout. Loss-based controllers grow
     * the window by slow start through it (RFC 5681 §3.1; Linux's Loss state), where fast recovery
     * holds it: held at one segment, a timeout with a large window outstanding resends it one
     * segment per round trip.
     */
    public boolean inTimeoutRecovery;
    /** Total bytes delivered over the connection's life, after this ACK. */
    public long totalDeliveredBytes;
    /** {@link #totalDeliveredBytes} when the newest segment this ACK delivered was sent; -1 if no sample. */
    public long priorDeliveredBytes;
    /** Delivery rate of the sample (bytes per second), or 0 if this ACK gives none. */
    public long deliveryRateBytesPerSecond;
    /** True if the sample was taken while the sender had nothing to send (it understates the path). */
    public boolean appLimited;

    /** An empty sample, refilled for every ACK. */
    public AckSample()
    {
        // nothing to set up
    }

    void clear()
    {
        ackedBytes = 0;
        deliveredBytes = 0;
        lostBytes = 0;
        rttNs = -1;
        priorDeliveredBytes = -1;
        deliveryRateBytesPerSecond = 0;
        appLimited = false;
        inRecovery = false;
        inTimeoutRecovery = false;
    }

    /**
     * Resets the sample for the next ACK.
     *
     * @param nowNs when that ACK arrived
     * @return this sample
     */
    public AckSample reset(final long nowNs)
    {
        clear();
        this.nowNs = nowNs;
        return this;
    }
}
