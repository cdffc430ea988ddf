package io.rudp.core.congestion;

/**
 * BBR congestion control (model-based, after Cardwell et al., "BBR: Congestion-Based Congestion
 * Control", and Linux's {@code tcp_bbr.c}, version 1).
 *
 * <p>Instead of reading loss as congestion, BBR measures the path: the bottleneck bandwidth (the
 * maximum delivery rate over the last 10 round trips) and the round-trip propagation time (the
 * minimum RTT over the last 10 seconds). It paces at the bandwidth times a gain and keeps about two
 * bandwidth-delay products in flight, so random loss alone does not shrink its rate:
 * <ul>
 *   <li>STARTUP: gain 2/ln 2 until the bandwidth stops growing by 25 % for three rounds (one, once
 *       the RTT shows a queue: {@link StartupQueue}, which also holds the window to two BDPs), or
 *       (as in BBRv2) a round loses more than 2 % in at least 8 segments: the queue overflowed;</li>
 *   <li>DRAIN: the inverse gain until the queue STARTUP built is gone;</li>
 *   <li>PROBE_BW: cycling gains 1.25, 0.75, then 1 for six rounds — probe for more, drain what the
 *       probe queued, cruise;</li>
 *   <li>PROBE_RTT: if the minimum RTT was not refreshed for 10 s, half a BDP in flight (at least 4
 *       segments) for 200 ms and a round, so the queue drains and the true propagation time shows
 *       (BBRv2's window there: version 1's 4 segments idled the link for the whole of it).</li>
 * </ul>
 * <p>Where ACKs come in bursts (a receiver that batches, as a busy event loop does), the window gets
 * the excess of what was acknowledged over what the bandwidth explains ({@link AckAggregation}, as
 * Linux's estimate: the largest over 10 rounds, at most 100 ms of data), so the sender is not starved
 * between bursts.
 *
 * <p>During loss recovery it conserves packets (sends one for each delivered) for a round, and
 * restores the window when recovery ends, but only when the last round lost more than 2 % of what it
 * delivered (BBRv2's loss threshold) to a full queue ({@link RoundLosses}: a drop-tail buffer drops
 * only when full, so a loss reported while the RTT is near its minimum is random, up to twice the
 * threshold); below that the window stays where the model puts it. That is what keeps it near the
 * link rate at 1 % random loss, where version 1 as in Linux spends most of its time in packet
 * conservation. Random loss (up to the threshold) also raises the pacing rate by its share, so that
 * what survives it still fills the bottleneck.
 */
public final class Bbr implements CongestionControl
{
    enum Mode
    {
        STARTUP("startup"), DRAIN("drain"), PROBE_BW("probe_bw"), PROBE_RTT("probe_rtt");

        final String stateName;

        Mode(final String stateName)
        {
            this.stateName = stateName;
        }
    }

    static final double HIGH_GAIN = 2.0 / StrictMath.log(2.0);
    static final double DRAIN_GAIN = 1.0 / HIGH_GAIN;
    static final double CWND_GAIN = 2.0;
    static final double[] PACING_GAIN_CYCLE = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    /** Linux paces 1 % below the estimate so that the queue drains rather than creeps. */
    static final double PACING_MARGIN = 0.99;
    static final int BW_FILTER_ROUNDS = 10;
    static final double FULL_BW_GROWTH = 1.25;
    static final int FULL_BW_ROUNDS = 3;
    static final int MIN_CWND_SEGMENTS = 4;
    /**
     * PROBE_RTT's window, in BDPs (BBRv2's {@code probe_rtt_cwnd_gain}): under one BDP the queue
     * drains all the same, and the link stays half busy where version 1's 4 segments idled it for
     * 200 ms and a round (0.4 s on a 200 ms path, 2 % of a 20 s transfer).
     */
    static final double PROBE_RTT_CWND_GAIN = 0.5;
    /** The PROBE_BW phase entered from DRAIN: a cruise phase, so a new flow does not probe at once. */
    static final int FIRST_CYCLE_INDEX = 2;
    /** Loss rate per round above which recovery conserves packets (BBRv2's {@code loss_thresh}). */
    static final double LOSS_THRESHOLD = 0.02;
    /** Weight of a round's loss rate in the smoothed random-loss rate the pacing rate compensates. */
    static final double LOSS_RATE_EWMA_GAIN = 1.0 / 8;
    /**
     * A loss is random, not a full buffer's, when the RTT measured beside it shows at most this
     * fraction of the min RTT queued: a drop-tail buffer drops only when it is full.
     */
    static final double RANDOM_LOSS_QUEUE_FRACTION = 0.25;
    /** STARTUP's window gain once a queue shows (BBRv3's STARTUP window gain, kept here for a full pipe). */
    static final double STARTUP_QUEUED_CWND_GAIN = 2.0;
    /** Lost segments in a round that, above the loss threshold, end STARTUP (BBRv2's {@code full_loss_cnt}). */
    static final int STARTUP_FULL_LOSS_SEGMENTS = 8;

    private int mssBytes;
    private final WindowedMaxFilter maxBw = new WindowedMaxFilter(BW_FILTER_ROUNDS);
    private final AckAggregation ackAggregation = new AckAggregation();
    private final StartupQueue startupQueue = new StartupQueue();
    private Mode mode = Mode.STARTUP;
    private double pacingGain = HIGH_GAIN;
    private double cwndGain = HIGH_GAIN;
    private long cwndBytes;
    private long priorCwndBytes;

    private long roundCount;
    /**
     * The bandwidth filter's clock: rounds outside PROBE_RTT. PROBE_RTT holds a small window for
     * 200 ms and a round by design; its rounds say nothing about the path's bandwidth, and at a
     * 30 ms RTT (with a queue to drain first) they were enough to age the whole estimate out of the
     * 10-round filter, leaving BBR to climb back from 1.4 Mbit/s on a 10 Mbit/s link.
     */
    private long bandwidthRounds;
    private long nextRoundDelivered;
    private boolean roundStart;

    private final MinRttFilter minRtt = new MinRttFilter();

    private long fullBw;
    private int fullBwRounds;
    private boolean fullBwReached;

    private int cycleIndex;
    private long cycleStartNs;

    private boolean wasInRecovery;
    private boolean packetConservation;
    private long conservationEndDelivered;
    private long srttNs = -1;
    private final RoundLosses losses = new RoundLosses(LOSS_THRESHOLD, RANDOM_LOSS_QUEUE_FRACTION, LOSS_RATE_EWMA_GAIN);

    /**
     * A controller starting in STARTUP at the initial window.
     *
     * @param mssBytes data bytes in a full segment
     */
    public Bbr(final int mssBytes)
    {
        this.mssBytes = mssBytes;
        this.cwndBytes = (long)NewReno.INITIAL_WINDOW_SEGMENTS * mssBytes;
    }

    @Override
    public long cwndBytes()
    {
        return cwndBytes;
    }

    @Override
    public long ssthreshBytes()
    {
        return Long.MAX_VALUE;
    }

    @Override
    public boolean inSlowStart()
    {
        return mode == Mode.STARTUP;
    }

    Mode mode()
    {
        return mode;
    }

    /** {@return the bottleneck bandwidth estimate, bytes per second (0 before the first sample)} */
    public long bandwidthBytesPerSecond()
    {
        return maxBw.get();
    }

    @Override
    public long pacingRateBytesPerSecond()
    {
        final long bw = maxBw.get();
        if (bw == 0)
        {
            // No sample yet: the initial window over the RTT, at STARTUP's gain (as Linux).
            return (long)(HIGH_GAIN * windowRateBytesPerSecond());
        }
        return (long)(pacingGain * bw * PACING_MARGIN * lossCompensation());
    }

    /**
     * The bandwidth estimate is what the receiver got; random loss took its share of what was sent
     * before that. Paced at the estimate, the bottleneck would idle by the loss rate (2 % idle at 2 %
     * loss: measured in the simulator, where this link-idle time was most of the gap to kernel BBR).
     * So in PROBE_BW the rate is raised by the loss rate, up to the threshold above which loss means
     * a full queue rather than a lossy path. (Where loss comes after the bottleneck, the estimate is
     * short by the same factor, and the same raise brings the rate back to the bottleneck's.)
     */
    private double lossCompensation()
    {
        return mode == Mode.PROBE_BW ? 1.0 / (1.0 - Math.min(losses.smoothedRandomLossRate(), LOSS_THRESHOLD)) : 1.0;
    }

    @Override
    public void onAck(final AckSample ack)
    {
        srttNs = ack.srttNs;
        updateRound(ack);
        updateLossRate(ack);
        updateBandwidth(ack);
        if (mode == Mode.STARTUP && ack.rttNs >= 0 && minRtt.hasSample())
        {
            startupQueue.onRttSample(ack.rttNs, minRtt.minRttNs(), roundCount);
        }
        updateCyclePhase(ack);
        checkFullBandwidth(ack);
        checkDrain(ack);
        updateMinRtt(ack);
        ackAggregation.onAck(ack, maxBw.get(), roundCount, cwndBytes);
        setCwnd(ack);
    }

    private void updateRound(final AckSample ack)
    {
        roundStart = false;
        if (ack.priorDeliveredBytes >= 0 && ack.priorDeliveredBytes >= nextRoundDelivered)
        {
            nextRoundDelivered = ack.totalDeliveredBytes;
            roundCount++;
            roundStart = true;
            if (mode != Mode.PROBE_RTT)
            {
                bandwidthRounds++;
            }
        }
    }

    private void updateLossRate(final AckSample ack)
    {
        losses.onAck(ack, roundStart, minRtt.minRttNs(), mssBytes);
        if (roundStart && mode == Mode.STARTUP && losses.lastRoundOverflowed((long)STARTUP_FULL_LOSS_SEGMENTS * mssBytes))
        {
            fullBwReached = true; // the queue overflowed: the bandwidth is what it is
        }
    }

    private void updateBandwidth(final AckSample ack)
    {
        final long rate = ack.deliveryRateBytesPerSecond;
        // An application-limited sample says only "at least this much": it counts where that is
        // more than the sender already assumes, which before the first estimate is the window over
        // the RTT. (A small request sent ahead of bulk data and acknowledged alone measured 17 bytes
        // over a round trip, and STARTUP paced at 1.5 kB/s until the next sample.) One taken in
        // PROBE_RTT is the same (Linux marks the connection application-limited there).
        final boolean limited = ack.appLimited || mode == Mode.PROBE_RTT;
        final double assumedBytesPerSecond = maxBw.get() > 0 ? maxBw.get() : windowRateBytesPerSecond();
        if (rate > 0 && (!limited || rate >= assumedBytesPerSecond))
        {
            maxBw.update(bandwidthRounds, rate);
        }
    }

    /** The window over the smoothed RTT: what the sender assumes of a path it has not measured yet. */
    private double windowRateBytesPerSecond()
    {
        return srttNs > 0 ? cwndBytes * 1e9 / srttNs : 0;
    }

    /** Bytes in flight that the model says fill the pipe, times {@code gain}. */
    long bdpBytes(final double gain)
    {
        if (!minRtt.hasSample() || maxBw.get() == 0)
        {
            return (long)NewReno.INITIAL_WINDOW_SEGMENTS * mssBytes;
        }
        return (long)(gain * maxBw.get() * (minRtt.minRttNs() / 1e9));
    }

    private void updateCyclePhase(final AckSample ack)
    {
        if (mode != Mode.PROBE_BW)
        {
            return;
        }
        final boolean fullLength = ack.nowNs - cycleStartNs > minRtt.minRttNs();
        final boolean advance;
        if (pacingGain > 1)
        {
            // Probe until a round passed and the extra is in flight (or losses say there is no room).
            advance = fullLength && (ack.lostBytes > 0 || ack.priorInFlightBytes >= bdpBytes(pacingGain));
        }
        else if (pacingGain < 1)
        {
            advance = fullLength || ack.priorInFlightBytes <= bdpBytes(1);
        }
        else
        {
            advance = fullLength;
        }
        if (advance)
        {
            cycleIndex = (cycleIndex + 1) % PACING_GAIN_CYCLE.length;
            cycleStartNs = ack.nowNs;
            pacingGain = PACING_GAIN_CYCLE[cycleIndex];
        }
    }

    private void checkFullBandwidth(final AckSample ack)
    {
        if (fullBwReached || !roundStart || ack.appLimited)
        {
            return;
        }
        if (maxBw.get() >= fullBw * FULL_BW_GROWTH)
        {
            fullBw = maxBw.get();
            fullBwRounds = 0;
            return;
        }
        // A round without more bandwidth while a queue grows: the pipe is full, no need for three.
        fullBwReached = ++fullBwRounds >= (startupQueueShows() ? 1 : FULL_BW_ROUNDS);
    }

    private void checkDrain(final AckSample ack)
    {
        if (mode == Mode.STARTUP && fullBwReached)
        {
            mode = Mode.DRAIN;
            pacingGain = DRAIN_GAIN;
            cwndGain = HIGH_GAIN;
        }
        if (mode == Mode.DRAIN && ack.inFlightBytes <= bdpBytes(1))
        {
            enterProbeBw(ack.nowNs);
        }
    }

    private void enterProbeBw(final long nowNs)
    {
        mode = Mode.PROBE_BW;
        cwndGain = CWND_GAIN;
        cycleIndex = FIRST_CYCLE_INDEX;
        cycleStartNs = nowNs;
        pacingGain = PACING_GAIN_CYCLE[cycleIndex];
    }

    private void updateMinRtt(final AckSample ack)
    {
        if (minRtt.onAck(ack.nowNs, ack.rttNs) && mode != Mode.PROBE_RTT)
        {
            saveCwnd(ack.inRecovery);
            mode = Mode.PROBE_RTT;
            pacingGain = 1;
            cwndGain = 1;
            minRtt.startProbe();
        }
        if (mode != Mode.PROBE_RTT)
        {
            return;
        }
        switch (minRtt.onProbeAck(ack.nowNs, ack.inFlightBytes <= probeRttCwndBytes(), roundStart))
        {
            case HOLD_STARTED -> nextRoundDelivered = ack.totalDeliveredBytes; // the round is counted from here
            case DONE -> exitProbeRtt(ack.nowNs);
            default -> { }
        }
    }

    private void exitProbeRtt(final long nowNs)
    {
        cwndBytes = Math.max(cwndBytes, priorCwndBytes);
        if (fullBwReached)
        {
            enterProbeBw(nowNs);
        }
        else
        {
            mode = Mode.STARTUP;
            pacingGain = HIGH_GAIN;
            cwndGain = HIGH_GAIN;
        }
    }

    private void setCwnd(final AckSample ack)
    {
        final long acked = ack.deliveredBytes;
        final boolean congested = losses.signalCongestion(mssBytes);
        if (ack.inRecovery && !wasInRecovery && congested)
        {
            // Recovery starts: one segment out for each delivered, for a round trip.
            saveCwnd(false);
            packetConservation = true;
            conservationEndDelivered = ack.totalDeliveredBytes + ack.inFlightBytes;
            cwndBytes = ack.inFlightBytes + acked;
        }
        else if (!ack.inRecovery && wasInRecovery)
        {
            cwndBytes = Math.max(cwndBytes, priorCwndBytes);
            packetConservation = false;
        }
        wasInRecovery = ack.inRecovery;
        if (ack.inRecovery && ack.lostBytes > 0 && congested)
        {
            cwndBytes = Math.max(cwndBytes - ack.lostBytes, mssBytes);
        }
        if (packetConservation && ack.totalDeliveredBytes >= conservationEndDelivered)
        {
            packetConservation = false;
        }
        // Once STARTUP builds a queue the pipe is full, and more than two BDPs would overflow a
        // buffer of one: 2/ln 2 of them overflowed it by thousands of segments on a 200 ms path.
        final boolean queued = startupQueueShows();
        final long target = bdpBytes(queued ? STARTUP_QUEUED_CWND_GAIN : cwndGain) + 3L * mssBytes
            + (fullBwReached ? ackAggregation.extraAckedBytes(maxBw.get()) : 0);
        if (packetConservation)
        {
            cwndBytes = Math.max(cwndBytes, ack.inFlightBytes + acked);
        }
        else if (fullBwReached || queued)
        {
            cwndBytes = Math.min(cwndBytes + acked, target);
        }
        else if (cwndBytes < target || ack.totalDeliveredBytes < (long)NewReno.INITIAL_WINDOW_SEGMENTS * mssBytes)
        {
            cwndBytes += acked;
        }
        cwndBytes = Math.max(cwndBytes, (long)MIN_CWND_SEGMENTS * mssBytes);
        if (mode == Mode.PROBE_RTT)
        {
            cwndBytes = Math.min(cwndBytes, probeRttCwndBytes());
        }
    }

    private long probeRttCwndBytes()
    {
        return Math.max(bdpBytes(PROBE_RTT_CWND_GAIN), (long)MIN_CWND_SEGMENTS * mssBytes);
    }

    private boolean startupQueueShows()
    {
        return mode == Mode.STARTUP && startupQueue.shows(roundCount);
    }

    /**
     * Remembers the window to return to after recovery or PROBE_RTT (as Linux's {@code bbr_save_cwnd}):
     * the current one, unless it is already a reduced one, in which case the larger of the two.
     */
    private void saveCwnd(final boolean reduced)
    {
        priorCwndBytes = reduced || wasInRecovery || mode == Mode.PROBE_RTT
            ? Math.max(priorCwndBytes, cwndBytes) : cwndBytes;
    }

    @Override
    public void onCongestionEvent(final long nowNs, final long inFlightBytes)
    {
        // Loss alone is not a signal BBR reacts to; recovery is handled through the ACK samples.
    }

    @Override
    public void onRecoveryEnd(final long nowNs, final long inFlightBytes)
    {
    }

    @Override
    public void onRetransmissionTimeout(final long nowNs, final long inFlightBytes)
    {
        saveCwnd(false);
        cwndBytes = mssBytes;
        wasInRecovery = true;
        packetConservation = false;
    }

    @Override
    public void onSpuriousCongestionEvent(final long nowNs)
    {
        cwndBytes = Math.max(cwndBytes, priorCwndBytes);
        packetConservation = false;
    }

    @Override
    public void onSegmentSizeChanged(final int mssBytes)
    {
        this.mssBytes = mssBytes;
        // The window stays in bytes, but never below its floor in segments of the new size: a
        // window smaller than one segment would hold back every full segment (Linux counts its
        // window in packets, so one of 64 KiB after a loopback probe is still a packet).
        cwndBytes = Math.max(cwndBytes, (long)MIN_CWND_SEGMENTS * mssBytes);
    }

    @Override
    public String stateName()
    {
        return mode.stateName;
    }

    @Override
    public String name()
    {
        return "bbr";
    }

    @Override
    public String toString()
    {
        return "bbr[" + mode + " bw=" + maxBw.get() * 8 / 1_000_000 + "Mbit/s minRtt="
            + (minRtt.hasSample() ? minRtt.minRttNs() / 1_000 + "us" : "-") + " pacingGain=" + Math.round(pacingGain * 100)
            + "% cwnd=" + cwndBytes + (fullBwReached ? "" : " filling") + "]";
    }
}
