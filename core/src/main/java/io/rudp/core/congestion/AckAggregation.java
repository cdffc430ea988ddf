package io.rudp.core.congestion;

/**
 * BBR's ACK-aggregation estimate (Linux's {@code bbr_update_ack_aggregation}): where ACKs come in
 * bursts (a receiver that batches, as a busy event loop does), how much more was acknowledged in an
 * epoch than the bandwidth estimate explains. The window gets the largest such excess over 10
 * rounds, at most 100 ms of data, so the sender is not starved between bursts.
 */
final class AckAggregation
{
    static final int FILTER_ROUNDS = 10;
    /** The allowance is at most this much data at the estimated bandwidth. */
    static final long MAX_NS = 100_000_000L;
    /** An epoch restarts once this much has been acknowledged in it (Linux: 1 M). */
    static final long EPOCH_RESET_BYTES = 1L << 20;

    private final WindowedMaxFilter maxExtraAcked = new WindowedMaxFilter(FILTER_ROUNDS);
    private long epochStartNs;
    /** Stamps are valid only once set: a real clock can read any value, negative included. */
    private boolean epochStarted;
    private long epochAckedBytes;

    /**
     * An ACK delivered {@code ack.deliveredBytes}: a new epoch starts when the ACKs fell behind the
     * estimate (or after a megabyte); the excess is remembered for the round, at most the window.
     */
    void onAck(final AckSample ack, final long bandwidthBytesPerSecond, final long round, final long cwndBytes)
    {
        if (bandwidthBytesPerSecond == 0 || ack.deliveredBytes == 0)
        {
            return;
        }
        if (!epochStarted)
        {
            epochStartNs = ack.nowNs;
            epochStarted = true;
        }
        final long expected = (long)(bandwidthBytesPerSecond * ((ack.nowNs - epochStartNs) / 1e9));
        if (epochAckedBytes <= expected || epochAckedBytes + ack.deliveredBytes >= EPOCH_RESET_BYTES)
        {
            epochAckedBytes = 0;
            epochStartNs = ack.nowNs;
        }
        epochAckedBytes += ack.deliveredBytes;
        final long extra = Math.min(Math.max(0, epochAckedBytes - expected), cwndBytes);
        maxExtraAcked.update(round, extra);
    }

    /** {@return the allowance added to the window at {@code bandwidthBytesPerSecond}} */
    long extraAckedBytes(final long bandwidthBytesPerSecond)
    {
        return Math.min(maxExtraAcked.get(), (long)(bandwidthBytesPerSecond * (MAX_NS / 1e9)));
    }
}
