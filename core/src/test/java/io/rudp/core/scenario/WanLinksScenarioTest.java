package io.rudp.core.scenario;

import io.rudp.core.sim.LinkConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WAN bench's links ({@code benchmarks/wan/run.sh}) in the simulator, measured the way the bench
 * measures them: a bulk sender for a fixed time, goodput at the receiver as a fraction of the link
 * rate (which counts IP and UDP headers, as a real link does). The table lands in
 * {@code core/target/wan-sim-table.md}, to set beside the bench's; benchmarks/README.md compares them.
 * Random loss here is independent per datagram, as the bench's emulator draws it.
 */
class WanLinksScenarioTest
{
    private static final long SECOND_NS = Bottleneck.SECOND_NS;
    private static final List<String> TABLE = new ArrayList<>();

    /** Runs one flow for {@code seconds}, adds its row to the table, and returns it for the caller's floors. */
    private static Bottleneck run(final String name, final LinkConfig link, final String cc, final int seconds)
    {
        final Bottleneck b = new Bottleneck(seed(60), link, cc).start(10_000_000_000L);
        b.sim.runFor(seconds * SECOND_NS);
        final double goodput = b.shareOfLink(0);
        TABLE.add(String.format("| %s | rudp-%s (simulator) | %.3f | %d | %.2f |", name, cc, goodput,
            b.counters(0).retransmittedSegments, b.meanQueueDelayNs() / 1e6));
        System.out.printf("wan-sim %s %s: %.3f of the link (%s)%n", name, cc, goodput, b.sim.replay());
        return b;
    }

    private static LinkConfig link(final long oneWayMs, final long mbit, final int queue)
    {
        return LinkConfig.defaultLink().withDelayNs(oneWayMs * 1_000_000L).withBandwidth(mbit * 1_000_000L, queue);
    }

    @Test
    void randomLossUpToTwoPercent()
    {
        final double clean = run("30ms-10M-q25", link(15, 10, 25), "bbr", 15).shareOfLink(0);
        final double lossy = run("30ms-10M-q25-loss2", link(15, 10, 25).withLoss(0.02, 1), "bbr", 15).shareOfLink(0);
        final double fat = run("50ms-100M-bdp-loss1", link(25, 100, 417).withLoss(0.01, 1), "bbr", 15).shareOfLink(0);
        run("30ms-10M-q25", link(15, 10, 25), "cubic", 15);
        run("30ms-10M-q25-loss2", link(15, 10, 25).withLoss(0.02, 1), "cubic", 15);
        run("50ms-100M-bdp-loss1", link(25, 100, 417).withLoss(0.01, 1), "cubic", 15);
        // 0.955 is all rudp can carry (1432 data bytes in each 1500 on the wire).
        assertTrue(clean >= 0.90, "30 ms, 10 Mbit/s, clean: " + clean);
        assertTrue(lossy >= 0.85, "30 ms, 10 Mbit/s, 2 % loss: " + lossy);
        assertTrue(fat >= 0.80, "50 ms, 100 Mbit/s, 1 % loss: " + fat);
    }

    @Test
    void longFatReorderingAndBloat()
    {
        final Bottleneck longFat = run("200ms-100M-bdp", link(100, 100, 1667), "bbr", 20);
        run("30ms-50M-reorder2", link(15, 50, 125).withReordering(0.02, 15_000_000L), "bbr", 15);
        run("30ms-10M-q200-bloat", link(15, 10, 200), "bbr", 15);
        run("200ms-100M-bdp", link(100, 100, 1667), "cubic", 20);
        run("30ms-50M-reorder2", link(15, 50, 125).withReordering(0.02, 15_000_000L), "cubic", 15);
        run("30ms-10M-q200-bloat", link(15, 10, 200), "cubic", 15);
        // STARTUP holds two BDPs once its queue shows, so it no longer overflows a buffer of one
        // (it retransmitted 1.7 % of its segments doing so, 2525 of them).
        final double retransmitted = longFat.retransmitPercent(0);
        assertTrue(retransmitted < 0.1, "200 ms, 100 Mbit/s, 1 BDP: " + retransmitted + " % retransmitted ("
            + longFat.sim.replay() + ")");
    }

    @AfterAll
    static void writeTable() throws IOException
    {
        final StringBuilder md = new StringBuilder()
            .append("| link | implementation | goodput / link rate | retransmitted segments | queue delay (mean ms) |\n")
            .append("|---|---|---|---|---|\n");
        TABLE.stream().sorted().forEach(row -> md.append(row).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "wan-sim-table.md"), md);
    }
}
