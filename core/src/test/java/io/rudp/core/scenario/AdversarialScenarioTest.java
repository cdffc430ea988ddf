package io.rudp.core.scenario;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.Connection;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.stats.DropCounters;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static io.rudp.core.scenario.ScenarioSupport.SECOND_NS;
import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blind attacks and sequence-number edge cases, in the simulator where any source address can be forged. */
class AdversarialScenarioTest
{
    @Test
    void transferAcrossTheSequenceNumberWrap()
    {
        // Both ISNs just below 2^32: every sequence comparison in the transfer crosses the wrap.
        final RudpConfig config = ScenarioSupport.config().toBuilder()
            .isnGenerator((now, lp, r, rp) -> 0xFFFF_F000).build();
        final ScenarioSupport s = new ScenarioSupport(seed(30), LinkConfig.defaultLink().withLoss(0.01, 2),
            LinkConfig.defaultLink().withLoss(0.01, 2), config, config);
        s.startTransfers(3_000_000);
        s.sim.runUntil(s::allDone, 120 * SECOND_NS);
        s.assertAllExactAndClosed();
    }

    @Test
    void spoofedSegmentsFromThePeersOwnAddressDoNotBreakATransfer()
    {
        final ScenarioSupport s = new ScenarioSupport(seed(31), LinkConfig.defaultLink());
        s.startTransfers(3_000_000);
        final SplittableRandom random = s.sim.newRandom();
        final SegmentCodec codec = new SegmentCodec();
        // Every 10 ms of virtual time, an off-path attacker who knows the addresses and ports (but not
        // the sequence numbers) forges a RST, a SYN, a data segment and an ACK as if from the client.
        for (long t = 200_000_000L; t < 2 * SECOND_NS; t += 10_000_000L)
        {
            s.sim.schedule(t, () ->
            {
                final Connection target = s.sinks.isEmpty() ? null : s.sinks.get(0).connection();
                if (target == null)
                {
                    return;
                }
                for (final int flags : new int[] {TcpFlags.RST, TcpFlags.SYN, TcpFlags.ACK | TcpFlags.PSH, TcpFlags.ACK})
                {
                    final Segment seg = new Segment();
                    seg.srcPort = target.remotePort();
                    seg.dstPort = target.localPort();
                    seg.seq = random.nextInt();
                    seg.ack = random.nextInt();
                    seg.flags = flags;
                    seg.window = 65535;
                    final ByteBuffer b = ByteBuffer.allocate(200);
                    final int length = SegmentCodec.encodeHeader(seg, b, 0) + ((flags & TcpFlags.PSH) != 0 ? 100 : 0);
                    codec.seal(b, 0, length);
                    s.server.endpoint().onDatagram(s.sim.engineNowNs(), b.limit(length), s.client.address());
                }
            });
        }
        s.sim.runUntil(s::allDone, 120 * SECOND_NS);
        final DropCounters drops = s.server.endpoint().dropCounters();
        System.out.println("spoofing: server drops " + drops);
        assertTrue(drops.get(DropReason.UNEXPECTED_SYN) > 0, "forged SYNs were challenged and dropped");
        assertTrue(drops.get(DropReason.OUT_OF_WINDOW) + drops.get(DropReason.BAD_RST) > 0, "forged RSTs were dropped");
        s.assertAllExactAndClosed();
    }
}
