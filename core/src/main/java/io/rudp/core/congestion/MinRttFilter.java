package io.rudp.core.congestion;

/**
 * BBR's round-trip propagation time, and the clock of the PROBE_RTT episodes that keep it honest.
 *
 * <p>The estimate is the lowest RTT sampled in the last 10 s. When no sample that low came for that
 * long, a queue the flow keeps standing may be hiding the path's propagation time: the filter
 * expires (it takes the next sample, whatever it is) and BBR enters PROBE_RTT, holding a small
 * window until the queue has drained and then for 200 ms and a round trip more, as Linux does.
 *
 * <p>The filter can expire only once it holds a sample: its stamp means nothing before that (Linux
 * stamps it at init; a stamp of 0 compared with a real clock expired it on the very first ACK).
 */
final class MinRttFilter
{
    static final long WINDOW_NS = 10_000_000_000L;
    static final long PROBE_RTT_DURATION_NS = 200_000_000L;

    /** What an ACK in PROBE_RTT did to the episode. */
    enum ProbeStep
    {
        /** The window has not drained yet. */
        DRAINING,
        /** The window drained on this ACK: 200 ms and a round start now. */
        HOLD_STARTED,
        /** Holding for 200 ms and a round. */
        HOLDING,
        /** The episode is over; the estimate is fresh again. */
        DONE
    }

    private long minRttNs = Long.MAX_VALUE;
    private long stampNs;
    private long holdUntilNs;
    private boolean holding;
    private boolean holdRoundDone;

    /** {@return the estimate, or {@link Long#MAX_VALUE} before the first sample} */
    long minRttNs()
    {
        return minRttNs;
    }

    /** {@return whether a sample was taken yet} */
    boolean hasSample()
    {
        return minRttNs != Long.MAX_VALUE;
    }

    /**
     * Takes an ACK's RTT sample.
     *
     * @param rttNs the sample, or negative when the ACK carried none
     * @return whether the estimate had expired: no sample as low for 10 s (time for PROBE_RTT)
     */
    boolean onAck(final long nowNs, final long rttNs)
    {
        final boolean expired = hasSample() && nowNs - stampNs > WINDOW_NS;
        if (rttNs >= 0 && (rttNs < minRttNs || expired))
        {
            minRttNs = rttNs;
            stampNs = nowNs;
        }
        return expired;
    }

    /** A PROBE_RTT episode begins: its clock waits for the window to drain. */
    void startProbe()
    {
        holding = false;
    }

    /**
     * One ACK of a PROBE_RTT episode.
     *
     * @param drained whether what is in flight is down to PROBE_RTT's window
     * @param roundStart whether this ACK starts a round trip (counted from the hold's start)
     */
    ProbeStep onProbeAck(final long nowNs, final boolean drained, final boolean roundStart)
    {
        if (!holding)
        {
            if (!drained)
            {
                return ProbeStep.DRAINING;
            }
            holding = true;
            holdUntilNs = nowNs + PROBE_RTT_DURATION_NS;
            holdRoundDone = false;
            return ProbeStep.HOLD_STARTED;
        }
        holdRoundDone |= roundStart;
        if (holdRoundDone && nowNs - holdUntilNs >= 0)
        {
            stampNs = nowNs;
            return ProbeStep.DONE;
        }
        return ProbeStep.HOLDING;
    }
}
