package io.rudp.core.scenario;

import io.rudp.core.connection.Connection;
import io.rudp.core.sim.LinkConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goodput floors of issue 4 and scenarios.md, per congestion controller, in virtual time (so
 * deterministic, and asserted). Every run prints its row; together they make the goodput table in
 * {@code docs/congestion-control.md}, written to {@code core/target/goodput-table.md} on each run.
 */
class CongestionScenarioTest
{
    private static final String[] ALL = {"newreno", "cubic", "bbr"};
    private static final long MB = 1_000_000L;
    /** 50 ms RTT, 100 Mbit/s, 1 % random loss, queue of one bandwidth-delay product (417 datagrams). */
    private static final LinkConfig LONG_FAT_LOSSY = LinkConfig.defaultLink().withDelayNs(25_000_000L)
        .withBandwidth(100_000_000L, 417).withLoss(0.01, 1);
    private static final List<String> TABLE = new ArrayList<>();

    @Test
    void defaultLinkWithoutLossEveryAlgorithmFillsIt()
    {
        for (final String cc : ALL)
        {
            final Bottleneck b = bulk("default (10 Mbit/s, 30 ms, queue 25)", "0 %", LinkConfig.defaultLink(), cc, 10 * MB);
            assertFloor(b, b.goodputFraction(0) >= 0.90, "goodput >= 0.90 of link", b.goodputFraction(0));
        }
    }

    @Test
    void defaultLinkWithTwoPercentLoss()
    {
        final LinkConfig link = LinkConfig.defaultLink().withLoss(0.02, 3);
        final double mathis = Bottleneck.mathisFraction(link, 1432);
        for (final String cc : ALL)
        {
            final Bottleneck b = bulk("default", "2 % (bursts <= 3)", link, cc, 10 * MB);
            if (cc.equals("bbr"))
            {
                assertFloor(b, b.goodputFraction(0) >= 0.85, "BBR goodput >= 0.85 of link", b.goodputFraction(0));
            }
            else
            {
                assertFloor(b, b.goodputFraction(0) >= mathis, "at least the Mathis estimate " + mathis,
                    b.goodputFraction(0));
            }
        }
    }

    @Test
    void longFatLinkWithOnePercentRandomLoss()
    {
        final Bottleneck bbr = bulk("100 Mbit/s, 50 ms, queue 1 BDP", "1 % random", LONG_FAT_LOSSY, "bbr", 125 * MB);
        assertFloor(bbr, bbr.goodputFraction(0) >= 0.85, "BBR goodput >= 0.85 of link", bbr.goodputFraction(0));
        // For the table: the loss-based algorithms, over a shorter transfer (they run at a few % of the link).
        bulk("100 Mbit/s, 50 ms, queue 1 BDP", "1 % random", LONG_FAT_LOSSY, "cubic", 10 * MB);
        bulk("100 Mbit/s, 50 ms, queue 1 BDP", "1 % random", LONG_FAT_LOSSY, "newreno", 10 * MB);
    }

    @Test
    void bbrCruisesAtItsEstimateOfTheLink()
    {
        // Steady state on the default link: the most a flow can carry is 1432 data bytes per 1500 on
        // the wire (0.955 of the link), and BBR paces at 99 % of its estimate. When the pacer charged
        // whole datagrams against a rate measured in data bytes, it cruised 2.7 % lower (0.92).
        final Bottleneck b = new Bottleneck(seed(40), LinkConfig.defaultLink(), "bbr").start(1_000 * MB);
        b.sim.runFor(2 * Bottleneck.SECOND_NS);
        final long before = b.sink(0).received();
        b.sim.runFor(4 * Bottleneck.SECOND_NS);
        final double cruise = (b.sink(0).received() - before) * 8.0 / 4 / LinkConfig.defaultLink().bitsPerSecond();
        System.out.printf("bbr cruise on the default link: %.3f of the link from 2 s to 6 s (%s)%n", cruise, b.sim.replay());
        assertFloor(b, cruise >= 0.935, "BBR cruises at >= 0.935 of the link (0.98 of what it can carry)", cruise);
    }

    @Test
    void reorderingIsToleratedWithoutSpuriousRetransmissions()
    {
        final LinkConfig link = LinkConfig.defaultLink().withReordering(0.05, 60_000_000L);
        for (final String cc : ALL)
        {
            final Bottleneck b = bulk("default", "0 %, 5 % reordered by up to 2 RTT", link, cc, 10 * MB);
            assertFloor(b, b.goodputFraction(0) >= 0.80, "goodput >= 0.80 of link", b.goodputFraction(0));
            // The link loses nothing but what overflows its queue, so every retransmission beyond those
            // drops was needless: a truer count than the D-SACKs the sender happened to hear of.
            final long dropped = b.sim.linkStats(b.clients.get(0), b.server)[1];
            final double spurious = (double)(b.counters(0).retransmittedSegments - dropped) / b.counters(0).segmentsSent;
            System.out.printf("reordering, %s: needless retransmissions %.2f %% of segments%n", cc, 100 * spurious);
            assertFloor(b, spurious < 0.01, "spurious retransmissions < 1 % of segments", spurious);
        }
    }

    @Test
    void twoFlowsOfTheSameAlgorithmShareFairly()
    {
        for (final String cc : ALL)
        {
            // Segment size fixed from the first segment: two BBR flows' shares at 10 s depend on their
            // first round trips (with path MTU discovery's one round of smaller segments BBR measured
            // 0.59 / 0.36), and drift apart over 30 s either way (0.61 / 0.33): a known weakness of
            // BBR's fairness between flows, not of discovery, and this asserts the 10 s split.
            final Bottleneck b = new Bottleneck(seed(41), LinkConfig.defaultLink(),
                config -> config.maxDatagramBytes(1472).pathMtuDiscovery(false), cc, cc).start(1_000 * MB);
            b.sim.runFor(10 * Bottleneck.SECOND_NS);
            final double first = b.shareOfLink(0);
            final double second = b.shareOfLink(1);
            System.out.printf("fairness %-8s vs %-8s: %.3f / %.3f of link after 10 s (seed=%d)%n", cc, cc, first,
                second, b.sim.seed());
            TABLE.add(String.format("| default, 2 flows | 0 %% | %s + %s | %.3f + %.3f | %.2f + %.2f |", cc, cc, first,
                second, b.retransmitPercent(0), b.retransmitPercent(1)));
            assertFloor(b, first >= 0.4 && first <= 0.6, cc + " flow 1 gets 0.4..0.6", first);
            assertFloor(b, second >= 0.4 && second <= 0.6, cc + " flow 2 gets 0.4..0.6", second);
        }
    }

    @Test
    void bbrAndCubicDoNotStarveEachOther()
    {
        final Bottleneck b = new Bottleneck(seed(42), LinkConfig.defaultLink(), "bbr", "cubic").start(1_000 * MB);
        b.sim.runFor(10 * Bottleneck.SECOND_NS);
        final double bbr = b.shareOfLink(0);
        final double cubic = b.shareOfLink(1);
        System.out.printf("fairness bbr vs cubic: %.3f / %.3f of link after 10 s (seed=%d)%n", bbr, cubic, b.sim.seed());
        TABLE.add(String.format("| default, 2 flows | 0 %% | bbr + cubic | %.3f + %.3f | %.2f + %.2f |", bbr, cubic,
            b.retransmitPercent(0), b.retransmitPercent(1)));
        assertFloor(b, bbr >= 0.2, "BBR gets >= 0.2", bbr);
        assertFloor(b, cubic >= 0.2, "CUBIC gets >= 0.2", cubic);
    }

    @Test
    void bbrKeepsABloatedQueueShort()
    {
        final LinkConfig link = LinkConfig.defaultLink().withBandwidth(10_000_000L, 200);
        final Bottleneck b = bulk("10 Mbit/s, 30 ms, queue 200", "0 %", link, "bbr", 10 * MB);
        final double queueDelayNs = b.meanQueueDelayNs();
        System.out.printf("bufferbloat bbr: mean queue delay %.1f ms, min RTT 30 ms%n", queueDelayNs / 1e6);
        assertFloor(b, queueDelayNs < 2 * link.delayNs(), "mean queue delay < 1 min RTT (30 ms)", queueDelayNs / 1e6);
        for (final String cc : new String[] {"cubic", "newreno"})
        {
            final Bottleneck other = bulk("10 Mbit/s, 30 ms, queue 200", "0 %", link, cc, 10 * MB);
            System.out.printf("bufferbloat %s: mean queue delay %.1f ms%n", cc, other.meanQueueDelayNs() / 1e6);
        }
    }

    @Test
    void bbrStartupIsNotHeldBackByASmallRequestAheadOfTheData()
    {
        // The perf tool's pattern: a 17-byte request, then the bulk data once the application has it.
        // Acknowledged alone, the request was an application-limited sample of 17 bytes over a round
        // trip, and became the bandwidth estimate: STARTUP paced at a few kB/s until later samples
        // caught up (on the WAN bench, rudp reached the link rate 100-150 ms after kernel TCP).
        record Case(String name, LinkConfig link, long pauseMs) { }
        final LinkConfig longFat = LinkConfig.defaultLink().withDelayNs(100_000_000L).withBandwidth(100_000_000L, 1667);
        for (final Case c : new Case[] {new Case("default link", LinkConfig.defaultLink(), 60), new Case("200 ms, 100 Mbit/s", longFat, 20)})
        {
            final long pauseNs = c.pauseMs() * 1_000_000L;
            final Bottleneck plain = new Bottleneck(seed(44), c.link(), "bbr").start(1_000 * MB);
            plain.sim.runFor(Bottleneck.SECOND_NS);
            final Bottleneck request = new Bottleneck(seed(44), c.link(), "bbr").start(1_000 * MB, 17, pauseNs);
            request.sim.runFor(Bottleneck.SECOND_NS + pauseNs);
            final double ratio = (double)request.sink(0).received() / plain.sink(0).received();
            System.out.printf("bbr after a request (%s, data %d ms later): %.3f of a plain flow's bytes in its first second (seed=%d)%n",
                c.name(), c.pauseMs(), ratio, request.sim.seed());
            assertFloor(request, ratio >= 0.98, c.name() + ": at least 0.98 of a plain flow's bytes in the first second", ratio);
        }
    }

    @Test
    void bbrKeepsItsBandwidthEstimateThroughProbeRtt()
    {
        // A short path with a deep queue and the jitter a real path has: the min RTT is no longer
        // refreshed for free, so PROBE_RTT runs every 10 s, and its 200 ms of a small window are 20
        // rounds at this RTT, twice what the bandwidth filter remembers. (Found on the WAN bench's
        // bloated link, where draining a 30 ms queue first made the 30 ms path's PROBE_RTT ten rounds
        // long.)
        final LinkConfig link = LinkConfig.defaultLink().withDelayNs(5_000_000L).withBandwidth(10_000_000L, 200)
            .withJitter(1_000_000L);
        final Bottleneck b = new Bottleneck(seed(43), link, "bbr").start(1_000 * MB);
        final Connection c = b.connections.get(0);
        long lowestPacingAfterStartup = Long.MAX_VALUE;
        boolean probedRtt = false;
        for (long t = 0; t < 25 * Bottleneck.SECOND_NS; t += 10_000_000L)
        {
            b.sim.runFor(10_000_000L);
            probedRtt |= c.describeState().contains("PROBE_RTT");
            if (t > 2 * Bottleneck.SECOND_NS)
            {
                lowestPacingAfterStartup = Math.min(lowestPacingAfterStartup, c.pacingRateBytesPerSecond());
            }
        }
        final double linkDataBytesPerSecond = link.bitsPerSecond() / 8.0 * 1432 / 1500;
        final double lowest = lowestPacingAfterStartup / linkDataBytesPerSecond;
        System.out.printf("bbr through PROBE_RTT (1 ms jitter, 10 ms RTT): lowest pacing rate after 2 s %.2f of the link, %.3f of"
            + " the link over 25 s (seed=%d)%n", lowest, b.shareOfLink(0), b.sim.seed());
        assertFloor(b, probedRtt, "PROBE_RTT ran", 0);
        assertFloor(b, lowest >= 0.7, "pacing never below 0.7 of the link after startup (DRAIN's gain is 0.35)", lowest);
    }

    /** One bulk flow; prints and records its table row. */
    private static Bottleneck bulk(final String linkName, final String loss, final LinkConfig link, final String cc,
        final long bytes)
    {
        final Bottleneck b = new Bottleneck(seed(40), link, cc).start(bytes).runToCompletion(3_000);
        final String row = String.format("| %s | %s | %s | %.3f | %.2f |", linkName, loss, cc, b.goodputFraction(0),
            b.retransmitPercent(0));
        System.out.printf("%s  dropped by the link=%d spurious=%d episodes=%d undone=%d rto=%d tlp=%d queue=%.1fms"
            + " (seed=%d)%n", row, b.sim.linkStats(b.clients.get(0), b.server)[1],
            b.counters(0).spuriousRetransmissions, b.counters(0).fastRetransmits, b.counters(0).spuriousRecoveries,
            b.counters(0).timeouts, b.counters(0).tailLossProbes,
            b.meanQueueDelayNs() / 1e6, b.sim.seed());
        TABLE.add(row);
        return b;
    }

    private static void assertFloor(final Bottleneck b, final boolean ok, final String floor, final double measured)
    {
        assertTrue(ok, floor + ": measured " + measured + " (" + b.sim.replay() + ")");
    }

    @AfterAll
    static void writeTable() throws IOException
    {
        final StringBuilder md = new StringBuilder()
            .append("| link | loss | algorithm | goodput (fraction of link) | retransmitted (% of segments) |\n")
            .append("|---|---|---|---|---|\n");
        TABLE.stream().sorted().forEach(r -> md.append(r).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "goodput-table.md"), md.toString(), StandardCharsets.UTF_8);
    }
}
