package io.rudp.core.scenario;

import io.rudp.core.connection.Connection;
import io.rudp.core.sim.LinkConfig;
import org.junit.jupiter.api.Test;

import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receive-window autotuning with the default configuration: one connection fills a 100 Mbit/s,
 * 200 ms path (a 2.5 MB bandwidth-delay product, ten times the initial window), and a connection
 * whose application does not read keeps its initial window and memory.
 */
class BufferAutotuningScenarioTest
{
    /** 100 ms one way, 100 Mbit/s, a queue of one BDP (1,700 datagrams), no loss. */
    private static final LinkConfig LONG_FAT = LinkConfig.defaultLink().withDelayNs(100_000_000L)
        .withBandwidth(100_000_000L, 1_700);

    @Test
    void oneConnectionFillsALongFatPathWithoutConfiguration()
    {
        final Bottleneck b = new Bottleneck(seed(43), LONG_FAT, "bbr").start(1_000_000_000L);
        // Startup takes a few seconds of 200 ms rounds; the window must then keep the path full.
        b.sim.runFor(5 * Bottleneck.SECOND_NS);
        final long before = b.sink(0).received();
        b.sim.runFor(5 * Bottleneck.SECOND_NS);
        final double steady = (b.sink(0).received() - before) * 8.0 / 5 / LONG_FAT.bitsPerSecond();
        final Connection receiver = b.sink(0).connection();
        System.out.printf("100 Mbit/s x 200 ms, defaults: %.3f of link from 5 s to 10 s, %.3f since the start;"
            + " receive buffer grew to %d B (seed=%d)%n", steady, b.shareOfLink(0), receiver.receiveBufferBytes(),
            b.sim.seed());
        assertTrue(receiver.receiveBufferBytes() > 2_500_000, "the window grew past the 2.5 MB BDP");
        assertTrue(steady >= 0.90, "goodput from 5 s to 10 s: " + steady + " (" + b.sim.replay() + ")");
    }

    @Test
    void aSlowReaderDoesNotTeachBbrASlowPath()
    {
        // For its first 2 s the application reads 30 Mbit/s: the window it offers holds the sender
        // to that. Those rate samples measure the reader, not the 100 Mbit/s path; taken for the path
        // they ended STARTUP at 30 Mbit/s, and PROBE_BW then needed seconds (+25 % per 8 rounds) to
        // find the rest once the reader sped up: 0.83 of the link in the second after, now 0.95.
        final LinkConfig link = LinkConfig.defaultLink().withDelayNs(25_000_000L).withBandwidth(100_000_000L, 417);
        final Bottleneck b = new Bottleneck(seed(45), link, "bbr").start(1_000_000_000L);
        b.sim.runUntil(() -> b.sink(0) != null, Bottleneck.SECOND_NS);
        b.sink(0).limitReadRate(b.server, 30_000_000L / 8, 2 * Bottleneck.SECOND_NS);
        b.sim.runFor(2_100_000_000L - b.sim.nowNs()); // the reader has been fast for 0.1 s (2 rounds)
        final long before = b.sink(0).received();
        b.sim.runFor(Bottleneck.SECOND_NS);
        final double after = (b.sink(0).received() - before) * 8.0 / link.bitsPerSecond();
        System.out.printf("slow reader for 2 s, then fast: %.3f of a 100 Mbit/s, 50 ms link from 2.1 s to 3.1 s (%s)%n",
            after, b.sim.replay());
        assertTrue(after >= 0.90, "goodput from 2.1 s to 3.1 s (0.83 when the slow reader's samples ended STARTUP): " + after + " (" + b.sim.replay() + ")");
    }

    @Test
    void aConnectionNobodyReadsKeepsItsInitialWindow()
    {
        final Bottleneck b = new Bottleneck(seed(44), LONG_FAT, "bbr").start(125_000_000L);
        // The application takes the connection (and whatever came with the handshake), then never reads.
        b.sim.runUntil(() -> b.sink(0) != null, Bottleneck.SECOND_NS);
        b.sink(0).pause();
        b.sim.runFor(5 * Bottleneck.SECOND_NS);
        final Connection receiver = b.sink(0).connection();
        assertEquals(256 * 1024, receiver.receiveBufferBytes(), "no reading, no growth");
        // The receive ring holds the 256 KiB window; the send ring (this side sends no data) its first 4 KiB.
        assertTrue(receiver.allocatedBufferBytes() <= 260 * 1024,
            "memory held: " + receiver.allocatedBufferBytes() + " B (" + b.sim.replay() + ")");
    }
}
