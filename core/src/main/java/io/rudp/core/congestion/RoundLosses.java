package io.rudp.core.congestion;

/**
 * BBR's loss accounting per round trip: how much of a round was lost, and how much of that a full
 * queue explains. A drop-tail buffer drops only when it is full, so a loss reported while the latest
 * RTT sample is near the minimum is random (a lossy path, not congestion) — up to a threshold, beyond
 * which even loss without a queue is too much to be random. The random part is smoothed over rounds,
 * for the pacing rate to make up for.
 *
 * <p>Rates are judged at the granularity losses come in. One lost segment is never a rate above the
 * threshold: on a path of 28 segments a round, a single loss is 3.6 % of it, and at 2 % random loss
 * one round in nine loses two. And a round under way is judged against at least the last whole
 * round's bytes: one loss five segments into a round is not a loss rate of 17 %. Judged by the
 * round so far and without that one segment, on such a path (30 ms, 10 Mbit/s, 2 % random loss,
 * through the real kernel path) 97 of the 113 recoveries that began with random loss alone were
 * read as congestion, each cutting the window to what was in flight.
 */
final class RoundLosses
{
    private final double thresholdRate;
    private final double queueFraction;
    private final double smoothingGain;

    private long lostBytes;
    private long randomLostBytes;
    private long deliveredBytes;
    private long latestRttNs = -1;
    private long lastRoundTotalBytes;
    private long lastRoundCongestionLostBytes;
    private double lastRoundCongestionLossRate;
    private double smoothedRandomLossRate;

    /**
     * @param thresholdRate loss rate above which a round's losses mean a full queue
     * @param queueFraction a loss is random when the latest RTT exceeds the minimum by at most this fraction of it
     * @param smoothingGain weight of a round's random-loss rate in the smoothed one
     */
    RoundLosses(final double thresholdRate, final double queueFraction, final double smoothingGain)
    {
        this.thresholdRate = thresholdRate;
        this.queueFraction = queueFraction;
        this.smoothingGain = smoothingGain;
    }

    /**
     * Counts an ACK's losses and deliveries; when {@code roundStart}, the round before is closed first.
     *
     * @param minRttNs the min RTT so far ({@link Long#MAX_VALUE} before any)
     * @param segmentBytes data bytes in a full segment: the unit losses come in
     */
    void onAck(final AckSample ack, final boolean roundStart, final long minRttNs, final int segmentBytes)
    {
        if (roundStart)
        {
            closeRound(segmentBytes);
        }
        if (ack.rttNs >= 0)
        {
            latestRttNs = ack.rttNs;
        }
        lostBytes += ack.lostBytes;
        if (ack.lostBytes > 0 && pathHeldNoQueue(minRttNs))
        {
            randomLostBytes += ack.lostBytes;
        }
        deliveredBytes += ack.deliveredBytes;
    }

    private void closeRound(final int segmentBytes)
    {
        final long total = lostBytes + deliveredBytes;
        lastRoundCongestionLostBytes = congestionLostBytes(total, segmentBytes);
        lastRoundCongestionLossRate = total == 0 ? 0 : (double)lastRoundCongestionLostBytes / total;
        lastRoundTotalBytes = total;
        if (total > 0)
        {
            final double randomLossRate = (double)randomLostBytes / total;
            smoothedRandomLossRate += (randomLossRate - smoothedRandomLossRate) * smoothingGain;
        }
        lostBytes = 0;
        randomLostBytes = 0;
        deliveredBytes = 0;
    }

    /**
     * This round's losses that a full queue explains: those reported while the path held a queue, and
     * whatever random loss exceeds the threshold of {@code totalBytes} and one segment of
     * {@code segmentBytes} (a path losing 10 % with no queue is not random).
     */
    private long congestionLostBytes(final long totalBytes, final int segmentBytes)
    {
        final long toleratedRandomBytes = (long)(thresholdRate * totalBytes) + segmentBytes;
        return lostBytes - randomLostBytes + Math.max(0, randomLostBytes - toleratedRandomBytes);
    }

    /** Whether the latest RTT sample is within the queue fraction of the minimum. */
    private boolean pathHeldNoQueue(final long minRttNs)
    {
        return latestRttNs >= 0 && minRttNs != Long.MAX_VALUE
            && latestRttNs - minRttNs <= (long)(minRttNs * queueFraction);
    }

    /**
     * Whether the last round (or this one so far) lost more than the threshold to a full queue.
     *
     * @param segmentBytes data bytes in a full segment: the unit losses come in
     */
    boolean signalCongestion(final int segmentBytes)
    {
        if (lostBytes == 0)
        {
            // Asked on every ACK, and most rounds lose nothing: then this round's rate is 0.
            return lastRoundCongestionLossRate > thresholdRate;
        }
        final long total = Math.max(lostBytes + deliveredBytes, lastRoundTotalBytes);
        final double current = (double)congestionLostBytes(total, segmentBytes) / total;
        return Math.max(lastRoundCongestionLossRate, current) > thresholdRate;
    }

    /** Whether the last full round lost more than the threshold, and at least {@code minBytes}, to a full queue. */
    boolean lastRoundOverflowed(final long minBytes)
    {
        return lastRoundCongestionLossRate > thresholdRate && lastRoundCongestionLostBytes >= minBytes;
    }

    /** {@return the random-loss rate, smoothed over rounds} */
    double smoothedRandomLossRate()
    {
        return smoothedRandomLossRate;
    }
}
