package io.rudp.core.congestion;

/**
 * CUBIC congestion control (RFC 9438) with HyStart++ slow start (RFC 9406).
 *
 * <p>After a loss the window follows W(t) = C·(t − K)³ + W_max: it climbs fast back towards the
 * window where loss struck (W_max), flattens near it, then probes beyond. A Reno-friendly estimate
 * keeps it at least as fast as Reno on short, slow paths; fast convergence lowers W_max when losses
 * come earlier than last time so a newcomer gets its share. Slow start ends early when HyStart++
 * sees the round-trip time grow (a queue building), through a conservative phase that grows a
 * quarter as fast, instead of overshooting until a burst of losses.
 *
 * <p>Windows are bytes (with fractions, in a double); RFC 9438's formulas are in segments, so they
 * are applied to {@code cwnd / mss}.
 */
public final class Cubic implements CongestionControl
{
    /** RFC 9438 §5.1. */
    static final double C = 0.4;
    /** RFC 9438 §5.1: multiplicative decrease factor. */
    static final double BETA = 0.7;
    /** RFC 9438 §5.3: Reno-friendly additive increase per RTT, for β = 0.7. */
    static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

    private int mssBytes;
    private double cwndBytes;
    private long ssthreshBytes = Long.MAX_VALUE;

    // The current congestion-avoidance epoch.
    private long epochStartNs;
    /** False until the first ACK of a congestion-avoidance epoch stamps {@link #epochStartNs}. */
    private boolean epochStarted;
    private double wMaxSegments;
    private double kSeconds;
    private double wEstSegments;
    /** W_max before the last reduction, for fast convergence. */
    private double lastWMaxSegments;

    // Undo state.
    private double undoCwndBytes;
    private long undoSsthreshBytes;
    private double undoWMaxSegments;
    private double undoLastWMaxSegments;

    private final HyStartPlusPlus hyStart = new HyStartPlusPlus();

    /**
     * A controller starting at the initial window, in slow start.
     *
     * @param mssBytes data bytes in a full segment
     */
    public Cubic(final int mssBytes)
    {
        this.mssBytes = mssBytes;
        this.cwndBytes = (double)NewReno.INITIAL_WINDOW_SEGMENTS * mssBytes;
    }

    @Override
    public long cwndBytes()
    {
        return (long)cwndBytes;
    }

    @Override
    public long ssthreshBytes()
    {
        return ssthreshBytes;
    }

    /** For tests: whether HyStart++ is in its conservative slow start. */
    boolean inConservativeSlowStart()
    {
        return hyStart.conservative();
    }

    @Override
    public void onAck(final AckSample ack)
    {
        if ((ack.inRecovery && !ack.inTimeoutRecovery) || ack.ackedBytes == 0)
        {
            return;
        }
        if (ack.priorInFlightBytes * 2 < cwndBytes)
        {
            return; // RFC 7661 (and RFC 9438 §5.8): an unused window is not grown
        }
        if (cwndBytes < ssthreshBytes)
        {
            if (hyStart.onAck(ack))
            {
                ssthreshBytes = (long)cwndBytes; // RFC 9406: conservative slow start over, congestion avoidance
                return;
            }
            cwndBytes += hyStart.slowStartIncreaseBytes(ack.ackedBytes, mssBytes);
        }
        else
        {
            congestionAvoidance(ack);
        }
    }

    private void congestionAvoidance(final AckSample ack)
    {
        if (!epochStarted)
        {
            startEpoch(ack.nowNs);
        }
        final double ackedSegments = (double)ack.ackedBytes / mssBytes;
        final double cwndSegments = cwndBytes / mssBytes;
        final double rttSeconds = Math.max(ack.srttNs, 0) / 1e9;
        final double tSeconds = (ack.nowNs - epochStartNs) / 1e9;
        // RFC 9438 §4.3: Reno-friendly estimate, growing by α per RTT (1 once past the old W_max).
        final double alpha = wEstSegments >= lastWMaxSegments ? 1.0 : ALPHA;
        wEstSegments += alpha * ackedSegments / cwndSegments;
        final double cubic = windowAt(tSeconds);
        if (cubic < wEstSegments)
        {
            cwndBytes = Math.max(cwndBytes, wEstSegments * mssBytes);
            return;
        }
        // §4.4/4.5: aim for where the curve will be one RTT from now, at most 1.5 × cwnd.
        final double target = Math.max(cwndSegments, Math.min(windowAt(tSeconds + rttSeconds), 1.5 * cwndSegments));
        cwndBytes += (target - cwndSegments) / cwndSegments * ackedSegments * mssBytes;
    }

    /** RFC 9438 eq. 1: W_cubic(t) in segments. */
    double windowAt(final double tSeconds)
    {
        final double d = tSeconds - kSeconds;
        return C * d * d * d + wMaxSegments;
    }

    private void startEpoch(final long nowNs)
    {
        epochStartNs = nowNs;
        epochStarted = true;
        final double cwndSegments = cwndBytes / mssBytes;
        if (wMaxSegments < cwndSegments)
        {
            // No loss yet (slow start ended by HyStart++), or the window already passed W_max.
            wMaxSegments = cwndSegments;
            kSeconds = 0;
        }
        else
        {
            kSeconds = StrictMath.cbrt((wMaxSegments - cwndSegments) / C); // RFC 9438 eq. 2
        }
        wEstSegments = cwndSegments;
    }

    @Override
    public void onCongestionEvent(final long nowNs, final long inFlightBytes)
    {
        final double cwndSegments = cwndBytes / mssBytes;
        // RFC 9438 §4.7 fast convergence: releasing bandwidth to newer flows.
        reduce(cwndSegments < lastWMaxSegments ? cwndSegments * (1 + BETA) / 2 : cwndSegments);
        cwndBytes = ssthreshBytes;
    }

    @Override
    public void onRecoveryEnd(final long nowNs, final long inFlightBytes)
    {
        // The window was set once, when recovery began (no inflation to take back).
    }

    @Override
    public void onRetransmissionTimeout(final long nowNs, final long inFlightBytes)
    {
        reduce(cwndBytes / mssBytes);
        cwndBytes = mssBytes;
    }

    /** RFC 9438 §4.6: W_max for the next epoch, ssthresh = β · cwnd; the epoch restarts. */
    private void reduce(final double newWMaxSegments)
    {
        saveForUndo();
        lastWMaxSegments = cwndBytes / mssBytes;
        wMaxSegments = newWMaxSegments;
        ssthreshBytes = Math.max((long)(cwndBytes * BETA), 2L * mssBytes);
        epochStarted = false;
        hyStart.reset();
    }

    @Override
    public void onSpuriousCongestionEvent(final long nowNs)
    {
        // RFC 9438 §4.9: restore the state from before the spurious event.
        cwndBytes = Math.max(cwndBytes, undoCwndBytes);
        ssthreshBytes = undoSsthreshBytes;
        wMaxSegments = undoWMaxSegments;
        lastWMaxSegments = undoLastWMaxSegments;
        epochStarted = false;
    }

    private void saveForUndo()
    {
        undoCwndBytes = cwndBytes;
        undoSsthreshBytes = ssthreshBytes;
        undoWMaxSegments = wMaxSegments;
        undoLastWMaxSegments = lastWMaxSegments;
    }

    /** The window stays in bytes; what CUBIC remembers in segments is rescaled, and the epoch restarts. */
    @Override
    public void onSegmentSizeChanged(final int mssBytes)
    {
        final double scale = (double)this.mssBytes / mssBytes;
        this.mssBytes = mssBytes;
        wMaxSegments *= scale;
        wEstSegments *= scale;
        lastWMaxSegments *= scale;
        undoWMaxSegments *= scale;
        undoLastWMaxSegments *= scale;
        epochStarted = false;
        // Never below two segments of the new size (see NewReno#onSegmentSizeChanged).
        cwndBytes = Math.max(cwndBytes, 2.0 * mssBytes);
    }

    @Override
    public String name()
    {
        return "cubic";
    }

    @Override
    public String toString()
    {
        return "cubic[cwnd=" + (long)cwndBytes + " ssthresh=" + ssthreshBytes + " wMax=" + (long)wMaxSegments + "seg"
            + (hyStart.conservative() ? " css" : "") + "]";
    }
}
