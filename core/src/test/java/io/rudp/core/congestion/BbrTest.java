package io.rudp.core.congestion;

import org.junit.jupiter.api.Test;

import static io.rudp.core.congestion.CongestionTestSender.MSS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BBR's state machine, fed one ACK per round trip from a path of fixed bandwidth and RTT. */
class BbrTest
{
    private static final long BANDWIDTH = 1_000_000; // bytes per second
    private static final long RTT_NS = 50_000_000L;  // BDP = 50 kB

    private final Bbr bbr = new Bbr(MSS);
    private final AckSample ack = new AckSample();
    private long nowNs;
    private long delivered;

    /** One round trip: the path delivers min(what BBR paced, the bottleneck) and reports its rate. */
    private void round(final long rttNs, final long inFlightAfter)
    {
        final long rate = Math.min(BANDWIDTH, Math.max(bbr.pacingRateBytesPerSecond(), 1));
        fillAck(rttNs, Math.max(MSS, rate * rttNs / 1_000_000_000L), rate);
        ack.minRttNs = RTT_NS;
        ack.priorInFlightBytes = bbr.cwndBytes();
        ack.inFlightBytes = inFlightAfter;
        bbr.onAck(ack);
    }

    /** Fills {@link #ack}: {@code bytes} acknowledged {@code rttNs} after they left, a sample of {@code rate}. */
    private void fillAck(final long rttNs, final long bytes, final long rate)
    {
        nowNs += rttNs;
        ack.reset(nowNs);
        ack.priorDeliveredBytes = delivered;
        delivered += bytes;
        ack.totalDeliveredBytes = delivered;
        ack.ackedBytes = bytes;
        ack.deliveredBytes = bytes;
        ack.rttNs = rttNs;
        ack.srttNs = rttNs;
        ack.deliveryRateBytesPerSecond = rate;
    }

    @Test
    void aRealClockDoesNotExpireTheMinRttFilterBeforeItsFirstSample()
    {
        // System.nanoTime() is thousands of seconds from its origin (or negative): a filter stamped 0
        // looked 10 s stale on the first ACK and sent BBR to PROBE_RTT (4 segments) before STARTUP ran.
        for (final long originNs : new long[] {4_666_000_000_000L, -7_777_000_000_000L})
        {
            final BbrTest t = new BbrTest();
            t.nowNs = originNs;
            t.round(RTT_NS, t.bbr.cwndBytes());
            assertEquals(Bbr.Mode.STARTUP, t.bbr.mode(), "origin " + originNs);
            int rounds = 0;
            while (t.bbr.mode() == Bbr.Mode.STARTUP && rounds++ < 50)
            {
                t.round(RTT_NS, t.bbr.cwndBytes());
            }
            assertEquals(Bbr.Mode.DRAIN, t.bbr.mode(), "origin " + originNs);
            assertEquals(BANDWIDTH, t.bbr.bandwidthBytesPerSecond(), BANDWIDTH / 100, "origin " + originNs);
        }
    }

    @Test
    void startupDrainProbeBandwidthThenProbeRtt()
    {
        assertEquals(Bbr.Mode.STARTUP, bbr.mode());
        int rounds = 0;
        while (bbr.mode() == Bbr.Mode.STARTUP && rounds < 50)
        {
            round(RTT_NS, bbr.cwndBytes());
            rounds++;
        }
        assertEquals(Bbr.Mode.DRAIN, bbr.mode(), "three rounds without 25 % more bandwidth end STARTUP");
        assertEquals(BANDWIDTH, bbr.bandwidthBytesPerSecond(), BANDWIDTH / 100);
        round(RTT_NS, 40_000); // the queue drained below one BDP
        assertEquals(Bbr.Mode.PROBE_BW, bbr.mode());
        // cwnd = 2 BDP + 3 segments, plus the ACK-aggregation allowance: here a round's data comes in one ACK.
        assertTrue(bbr.cwndBytes() >= 2 * 50_000 + 3 * MSS && bbr.cwndBytes() <= 3 * 50_000 + 3 * MSS,
            "cwnd " + bbr.cwndBytes());
        // Ten seconds without a lower RTT: PROBE_RTT, half a BDP for 200 ms and a round (version 1's
        // 4 segments idled the link through it).
        while (nowNs < 10_500_000_000L)
        {
            round(RTT_NS + 1_000_000L, 50_000);
        }
        assertEquals(Bbr.Mode.PROBE_RTT, bbr.mode());
        assertEquals(50_000 / 2, bbr.cwndBytes(), 50_000 / 100);
        for (int i = 0; i < 6; i++)
        {
            round(RTT_NS, 50_000 / 2);
        }
        assertEquals(Bbr.Mode.PROBE_BW, bbr.mode(), "back after 200 ms and a round");
        assertTrue(bbr.cwndBytes() >= 2 * 50_000, "the window from before PROBE_RTT is restored");
    }

    @Test
    void anApplicationLimitedSampleCountsOnlyWhereItSaysMoreThanTheWindowsRate()
    {
        // A 17-byte request acknowledged alone, a round trip after it left: it says only that the
        // path carries at least 340 bytes a second. As the estimate, it paced STARTUP at 1 kB/s.
        applicationLimitedAck(17);
        assertEquals(0, bbr.bandwidthBytesPerSecond(), "no estimate from it");
        final long windowRate = bbr.cwndBytes() * 1_000_000_000L / RTT_NS;
        assertEquals(Bbr.HIGH_GAIN * windowRate, bbr.pacingRateBytesPerSecond(), Bbr.HIGH_GAIN,
            "still the initial window over the RTT, at STARTUP's gain");
        // One that says more than the window's rate is a measurement all the same.
        final long twiceTheWindow = 2 * bbr.cwndBytes();
        applicationLimitedAck(twiceTheWindow);
        assertEquals(twiceTheWindow * 1_000_000_000L / RTT_NS, bbr.bandwidthBytesPerSecond());
    }

    /** {@code bytes} acknowledged a round trip after they left, sent while the application had no more. */
    private void applicationLimitedAck(final long bytes)
    {
        fillAck(RTT_NS, bytes, bytes * 1_000_000_000L / RTT_NS);
        ack.appLimited = true;
        bbr.onAck(ack);
    }

    @Test
    void pacingGainCyclesInProbeBandwidth()
    {
        while (bbr.mode() != Bbr.Mode.PROBE_BW)
        {
            round(RTT_NS, bbr.mode() == Bbr.Mode.DRAIN ? 40_000 : bbr.cwndBytes());
        }
        final long cruise = bbr.pacingRateBytesPerSecond();
        assertEquals(BANDWIDTH * Bbr.PACING_MARGIN, cruise, BANDWIDTH / 50.0, "gain 1 to start with");
        boolean probed = false;
        boolean drained = false;
        for (int i = 0; i < 8; i++)
        {
            round(RTT_NS + 1, 80_000);
            probed |= bbr.pacingRateBytesPerSecond() > cruise * 1.2;
            drained |= bbr.pacingRateBytesPerSecond() < cruise * 0.8;
        }
        assertTrue(probed && drained, "a 1.25 phase and a 0.75 phase within one cycle of 8");
    }

    /**
     * Cruises in PROBE_BW, then gets one ACK that starts recovery with {@code lostBytes} lost of 50 kB,
     * its RTT {@code rttNs} (the min RTT is {@link #RTT_NS}).
     */
    private long windowAfterLossOf(final long lostBytes, final long rttNs)
    {
        while (bbr.mode() != Bbr.Mode.PROBE_BW)
        {
            round(RTT_NS, bbr.mode() == Bbr.Mode.DRAIN ? 40_000 : bbr.cwndBytes());
        }
        round(RTT_NS, 80_000);
        ackAfter(rttNs, 50_000 - lostBytes, lostBytes, BANDWIDTH, 10_000, true);
        return bbr.cwndBytes();
    }

    /**
     * One ACK {@code rttNs} after the last, with that RTT, that starts a round: {@code deliveredBytes}
     * delivered at {@code rateBytesPerSecond}, {@code lostBytes} lost, {@code inFlightBytes} in flight
     * before and after.
     */
    private void ackAfter(final long rttNs, final long deliveredBytes, final long lostBytes,
        final long rateBytesPerSecond, final long inFlightBytes, final boolean inRecovery)
    {
        ackAfter(rttNs, deliveredBytes, lostBytes, rateBytesPerSecond, inFlightBytes, inRecovery, delivered);
    }

    /**
     * As {@link #ackAfter(long, long, long, long, long, boolean)}, its newest segment sent when
     * {@code priorDeliveredBytes} had been delivered.
     */
    private void ackAfter(final long rttNs, final long deliveredBytes, final long lostBytes,
        final long rateBytesPerSecond, final long inFlightBytes, final boolean inRecovery, final long priorDeliveredBytes)
    {
        ack.reset(nowNs += rttNs);
        ack.priorDeliveredBytes = priorDeliveredBytes;
        delivered += deliveredBytes;
        ack.totalDeliveredBytes = delivered;
        ack.deliveredBytes = deliveredBytes;
        ack.lostBytes = lostBytes;
        ack.inRecovery = inRecovery;
        ack.rttNs = rttNs;
        ack.deliveryRateBytesPerSecond = rateBytesPerSecond;
        ack.priorInFlightBytes = inFlightBytes;
        ack.inFlightBytes = inFlightBytes;
        bbr.onAck(ack);
    }

    @Test
    void randomLossDoesNotShrinkTheWindow()
    {
        final long cwnd = windowAfterLossOf(1_000, RTT_NS); // 2 %: what random loss explains
        assertTrue(cwnd >= 2 * 50_000, "no packet conservation: the window stays at 2 BDP, was " + cwnd);
    }

    @Test
    void lossWithoutAQueueUpToTwiceTheThresholdIsRandom()
    {
        // 3 % lost while the RTT is at its minimum: a drop-tail buffer was not full, so not congestion
        // (on a path of 26 segments a round one random loss is already 3.8 %).
        final long cwnd = windowAfterLossOf(1_500, RTT_NS);
        assertTrue(cwnd >= 2 * 50_000, "no packet conservation: the window stays at 2 BDP, was " + cwnd);
    }

    @Test
    void lossWhileTheQueueHoldsConservesPackets()
    {
        final long cwnd = windowAfterLossOf(1_500, RTT_NS * 3 / 2); // 3 %, with half a min RTT queued
        assertTrue(cwnd < 2 * 50_000, "packet conservation: in flight + delivered, was " + cwnd);
    }

    @Test
    void heavyLossConservesPacketsEvenWithoutAQueue()
    {
        final long cwnd = windowAfterLossOf(5_000, RTT_NS); // 10 %: more than random loss explains
        assertTrue(cwnd < 2 * 50_000, "packet conservation: in flight + delivered, was " + cwnd);
    }

    @Test
    void oneRandomLossEarlyInARoundIsNotALossRateOfItsOwn()
    {
        windowAfterLossOf(0, RTT_NS);
        ackAfter(RTT_NS, 50_000, 0, BANDWIDTH, 80_000, false); // a round of 50 kB
        final long roundStartDelivered = delivered;
        ackAfter(RTT_NS, MSS, 0, BANDWIDTH, 80_000, false); // the next round starts
        // 5 kB into it, one segment lost at the min RTT: 1 of 6 so far, 1 of 50 against the last round.
        ackAfter(RTT_NS, 4 * MSS, MSS, BANDWIDTH, 80_000, true, roundStartDelivered);
        assertTrue(bbr.cwndBytes() >= 2 * 50_000, "no packet conservation, was " + bbr.cwndBytes());
    }

    @Test
    void threeRandomLossesInARoundOfFiftySegmentsAreNotCongestion()
    {
        // 6 % of the round, but at 2 % random loss one round in twelve of this size loses three.
        final long cwnd = windowAfterLossOf(3 * MSS, RTT_NS);
        assertTrue(cwnd >= 2 * 50_000, "no packet conservation, was " + cwnd);
    }

    @Test
    void fourRandomLossesInARoundOfFiftySegmentsAre()
    {
        final long cwnd = windowAfterLossOf(4 * MSS, RTT_NS);
        assertTrue(cwnd < 2 * 50_000, "packet conservation: in flight + delivered, was " + cwnd);
    }

    /** {@code rounds} cruising rounds in PROBE_BW, each losing {@code lostBytes}, at RTT {@code rttNs}. */
    private void lossyRounds(final int rounds, final long lostBytes, final long rttNs)
    {
        for (int i = 0; i < rounds; i++)
        {
            ackAfter(rttNs, 50_000 - lostBytes, lostBytes, BANDWIDTH, 50_000, false);
        }
    }

    @Test
    void probeRttDoesNotAgeTheBandwidthEstimateOut()
    {
        while (bbr.mode() != Bbr.Mode.PROBE_BW)
        {
            round(RTT_NS, bbr.mode() == Bbr.Mode.DRAIN ? 40_000 : bbr.cwndBytes());
        }
        while (bbr.mode() != Bbr.Mode.PROBE_RTT)
        {
            round(RTT_NS + 1_000_000L, 50_000); // no lower RTT for 10 s
        }
        // PROBE_RTT: small rounds of 4 segments, for more rounds than the filter's window of 10 (a
        // short RTT and 200 ms, with a queue to drain first).
        for (int i = 0; i < 2 * Bbr.BW_FILTER_ROUNDS; i++)
        {
            ackAfter(RTT_NS / 4, 4L * MSS, 0, 4L * MSS * 4_000_000_000L / RTT_NS, 4L * MSS, false);
            if (bbr.mode() != Bbr.Mode.PROBE_RTT)
            {
                break;
            }
        }
        assertEquals(Bbr.Mode.PROBE_BW, bbr.mode(), "PROBE_RTT ends after 200 ms and a round");
        assertEquals(BANDWIDTH, bbr.bandwidthBytesPerSecond(), BANDWIDTH / 100,
            "the estimate from before PROBE_RTT: its 4-segment rounds are not a slower path");
    }

    @Test
    void randomLossRaisesThePacingRateByItsShare()
    {
        while (bbr.mode() != Bbr.Mode.PROBE_BW)
        {
            round(RTT_NS, bbr.mode() == Bbr.Mode.DRAIN ? 40_000 : bbr.cwndBytes());
        }
        // 1 % lost at the min RTT for 80 rounds (ten cycles: the gain is 1 at this point of the cycle).
        lossyRounds(80, 500, RTT_NS);
        assertEquals(BANDWIDTH * Bbr.PACING_MARGIN / 0.99, bbr.pacingRateBytesPerSecond(), BANDWIDTH / 1000.0,
            "what the receiver got is 99 % of what was sent: pace so that the 99 % fill the bottleneck");
        // 5 %: raised by no more than the 2 % threshold.
        lossyRounds(80, 2_500, RTT_NS);
        assertEquals(BANDWIDTH * Bbr.PACING_MARGIN / 0.98, bbr.pacingRateBytesPerSecond(), BANDWIDTH / 1000.0);
        // The same 1 % while half a min RTT is queued: losses of a full buffer; the raise decays away.
        lossyRounds(80, 500, RTT_NS * 3 / 2);
        assertEquals(BANDWIDTH * Bbr.PACING_MARGIN, bbr.pacingRateBytesPerSecond(), BANDWIDTH / 1000.0);
    }

    /**
     * STARTUP's window after three rounds at the minimum RTT and then eight more ACKs within one
     * round, the first {@code queuedSamples} of them {@code queueNs} above the minimum.
     */
    private static long startupWindowAfter(final int queuedSamples, final long queueNs)
    {
        final BbrTest t = new BbrTest();
        for (int i = 0; i < 3; i++)
        {
            t.ackAfter(RTT_NS, 25_000, 0, BANDWIDTH, t.bbr.cwndBytes(), false);
        }
        for (int i = 0; i < 8; i++)
        {
            t.ackAfter(i < queuedSamples ? RTT_NS + queueNs : RTT_NS, 25_000, 0, BANDWIDTH, t.bbr.cwndBytes(), false, 0);
        }
        assertEquals(Bbr.Mode.STARTUP, t.bbr.mode());
        return t.bbr.cwndBytes();
    }

    @Test
    void aQueueInStartupHoldsTheWindowToTwoBdps()
    {
        final long twoBdps = 2 * 50_000 + 3 * MSS;
        final long queued = startupWindowAfter(8, 20_000_000L);
        assertTrue(queued <= twoBdps, "a queue of 20 ms: " + queued);
        // Without a queue STARTUP's window runs on to 2/ln 2 BDPs: samples under the 4 ms margin,
        // seven in a row and then one at the minimum (as reordering or a delayed ACK make), or none.
        final long underMargin = startupWindowAfter(8, 3_000_000L);
        final long sevenInARow = startupWindowAfter(7, 20_000_000L);
        final long none = startupWindowAfter(0, 0);
        assertTrue(underMargin > twoBdps, "3 ms: " + underMargin);
        assertTrue(sevenInARow > twoBdps, "7 samples: " + sevenInARow);
        assertTrue(none > twoBdps, "no queue: " + none);
    }

    @Test
    void aQueueAndOneRoundWithoutMoreBandwidthEndStartup()
    {
        for (final boolean queue : new boolean[] {true, false})
        {
            final BbrTest t = new BbrTest();
            t.ackAfter(RTT_NS, 50_000, 0, BANDWIDTH, t.bbr.cwndBytes(), false); // the bandwidth found
            for (int i = 0; i < 8; i++)
            {
                t.ackAfter(queue ? RTT_NS + 20_000_000L : RTT_NS, 5_000, 0, BANDWIDTH, t.bbr.cwndBytes(), false, 0);
            }
            t.ackAfter(RTT_NS, 10_000, 0, BANDWIDTH, t.bbr.cwndBytes(), false); // a round, no more bandwidth
            assertEquals(queue ? Bbr.Mode.DRAIN : Bbr.Mode.STARTUP, t.bbr.mode(), "queue " + queue);
        }
    }
}
