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
