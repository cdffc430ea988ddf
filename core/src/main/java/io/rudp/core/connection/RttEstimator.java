package io.rudp.core.connection;

/**
 * The retransmission timeout of RFC 6298: SRTT and RTTVAR from RTT samples, RTO = SRTT +
 * max(G, 4·RTTVAR) clamped to [min, max], doubled on each expiry (exponential backoff) until a new
 * sample arrives.
 */
public final class RttEstimator
{
    /** Clock granularity G: the loop's timers fire with millisecond precision at best. */
    static final long GRANULARITY_NS = 1_000_000;

    private final long minRtoNs;
    private final long maxRtoNs;
    private long srttNs = -1;
    private long rttvarNs;
    private long baseRtoNs;
    private int backoffShift;
    private long latestRttNs = -1;
    private long minRttNs = Long.MAX_VALUE;

    /**
     * An estimator with no sample yet.
     *
     * @param initialRtoNs the RTO before any sample
     * @param minRtoNs the smallest RTO
     * @param maxRtoNs the largest RTO
     */
    public RttEstimator(final long initialRtoNs, final long minRtoNs, final long maxRtoNs)
    {
        this.minRtoNs = minRtoNs;
        this.maxRtoNs = maxRtoNs;
        this.baseRtoNs = Math.min(initialRtoNs, maxRtoNs);
    }

    /**
     * Folds in one RTT sample (RFC 6298 §2.2 and §2.3) and clears any backoff.
     *
     * @param rttNs the measured round trip
     */
    public void onSample(final long rttNs)
    {
        final long r = Math.max(rttNs, 0);
        if (srttNs < 0)
        {
            srttNs = r;
            rttvarNs = r / 2;
        }
        else
        {
            // RTTVAR first, with the old SRTT: the order RFC 6298 §2.3 prescribes.
            rttvarNs = (3 * rttvarNs + Math.abs(srttNs - r)) / 4;
            srttNs = (7 * srttNs + r) / 8;
        }
        latestRttNs = r;
        minRttNs = Math.min(minRttNs, r);
        baseRtoNs = clamp(srttNs + Math.max(GRANULARITY_NS, 4 * rttvarNs));
        backoffShift = 0;
    }

    /** RFC 6298 (5.5): the timer expired; the next RTO is twice this one, up to the ceiling. */
    public void backoff()
    {
        if (rtoNs() < maxRtoNs)
        {
            backoffShift++;
        }
    }

    /**
     * RFC 6298 (5.7): after a SYN timed out, data starts with a 3-second RTO.
     *
     * @param rtoNs the RTO to use
     */
    public void resetAfterSynTimeout(final long rtoNs)
    {
        if (srttNs < 0)
        {
            baseRtoNs = clamp(rtoNs);
            backoffShift = 0;
        }
    }

    /**
     * The current RTO, backoff included.
     *
     * @return the timeout in nanoseconds
     */
    public long rtoNs()
    {
        final long shifted = backoffShift >= 30 ? Long.MAX_VALUE : baseRtoNs << backoffShift;
        return Math.min(shifted < 0 ? Long.MAX_VALUE : shifted, maxRtoNs);
    }

    /**
     * Smoothed RTT, or -1 before the first sample.
     *
     * @return SRTT in nanoseconds
     */
    public long srttNs()
    {
        return srttNs;
    }

    /**
     * {@return RTTVAR (RFC 6298)}
     */
    public long rttvarNs()
    {
        return rttvarNs;
    }

    /**
     * {@return the last sample, -1 before the first}
     */
    public long latestRttNs()
    {
        return latestRttNs;
    }

    /**
     * {@return the smallest sample seen, {@link Long#MAX_VALUE} before the first}
     */
    public long minRttNs()
    {
        return minRttNs == Long.MAX_VALUE ? -1 : minRttNs;
    }

    private long clamp(final long rtoNs)
    {
        return Math.max(minRtoNs, Math.min(rtoNs, maxRtoNs));
    }
}
