package io.rudp.core.scenario;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.connection.Connection;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.SimNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static io.rudp.core.scenario.ScenarioSupport.SECOND_NS;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzing a live connection: while a transfer runs, CRC-valid segments with mutated fields are fed
 * to both ends as if from the peer. They are blind, as an off-path attacker's are: sequence numbers
 * outside the receive window and ACKs outside what RFC 5961 accepts (an attacker who knows those
 * can corrupt any TCP stream; rudp's CRC is integrity, not authentication). Everything else is
 * random: all eight flag bits, windows, MSS, window scale, SACK blocks aimed inside the sender's
 * sequence space, timestamps, and payloads. Invariants: nothing throws out of the engine, the
 * transfer stays byte-exact and closes, and memory stays within the budget.
 *
 * <p>jqwik rather than a coverage-guided fuzzer: it runs in every build without a JVM agent, every
 * case replays from its seed, and the mutations are aimed where coverage guidance would take
 * thousands of inputs to reach (a live connection deep in its state machine). Each try injects
 * {@code -Drudp.fuzz.segments} segments (default 400); a longer campaign raises it and the tries.
 */
class FuzzedSegmentsProperties
{
    private static final int SEGMENTS = Integer.getInteger("rudp.fuzz.segments", 400);

    @Property(tries = 12)
    void blindMutatedSegmentsNeverBreakALiveTransfer(@ForAll final long seed)
    {
        final LinkConfig link = LinkConfig.defaultLink().withLoss(0.01, 2);
        final MemoryBudget serverBudget = new MemoryBudget(4 << 20); // tight: the receiver works under pressure
        final ScenarioSupport s = new ScenarioSupport(new io.rudp.core.sim.Simulator(seed), link, link,
            ScenarioSupport.config(), ScenarioSupport.config(), serverBudget);
        s.startTransfers(2_000_000); // about 2 s of the 10 Mbit/s link
        s.sim.runUntil(() -> !s.sinks.isEmpty(), 60 * SECOND_NS); // the handshake may lose a segment or two
        final SplittableRandom random = new SplittableRandom(seed);
        final SegmentCodec codec = new SegmentCodec();
        final long stepNs = 1_400_000_000L / SEGMENTS;
        final int[] aimed = {0};
        final long[] peakHeld = {0};
        for (int i = 0; i < SEGMENTS; i++)
        {
            final boolean toServer = (i & 1) == 0;
            s.sim.schedule(s.sim.nowNs() + i * stepNs, () ->
            {
                final Connection receiver = s.sinks.isEmpty() ? null : s.sinks.get(0).connection();
                final Connection sender = s.senders.isEmpty() ? null : senderConnection(s);
                if (receiver == null || sender == null || receiver.state() != io.rudp.core.connection.ConnectionState.ESTABLISHED)
                {
                    return;
                }
                aimed[0]++;
                peakHeld[0] = Math.max(peakHeld[0], serverBudget.usedBytes());
                final SimNode target = toServer ? s.server : s.client;
                final Connection victim = toServer ? receiver : sender;
                final ByteBuffer datagram = mutated(random, codec, victim, sender);
                target.endpoint().onDatagram(s.sim.engineNowNs(), datagram, toServer ? s.client.address() : s.server.address());
            });
        }
        s.sim.runUntil(s::allDone, 300 * SECOND_NS);
        assertTrue(aimed[0] >= SEGMENTS / 2, "only " + aimed[0] + " segments reached the live connection");
        s.assertAllExactAndClosed();
        assertTrue(peakHeld[0] <= serverBudget.limitBytes(), "held " + peakHeld[0]);
    }

    private static Connection senderConnection(final ScenarioSupport s)
    {
        for (final Connection c : s.client.endpoint().connections())
        {
            return c;
        }
        return null;
    }

    /** A CRC-valid segment for {@code victim}'s ports, blind in sequence and acknowledgment, random elsewhere. */
    private static ByteBuffer mutated(final SplittableRandom random, final SegmentCodec codec, final Connection victim,
        final Connection sender)
    {
        final Segment seg = new Segment();
        seg.srcPort = victim.remotePort();
        seg.dstPort = victim.localPort();
        final int rcvNxt = victim.initialReceiveSequence() + 1 + (int)victim.counters().bytesReceived;
        final int sndUna = victim.initialSendSequence() + 1 + (int)victim.counters().bytesAcked;
        // Outside the window the victim offers (at most 8 MiB), and outside the ACKs it accepts.
        seg.seq = rcvNxt + (random.nextBoolean() ? 1 : -1) * (16 << 20) + random.nextInt(1 << 20);
        seg.ack = sndUna + (random.nextBoolean() ? 1 : -1) * (64 << 20) + random.nextInt(1 << 20);
        seg.flags = random.nextInt(256);
        seg.window = random.nextInt(65536);
        if ((seg.flags & TcpFlags.SYN) != 0)
        {
            seg.mss = random.nextInt(70_000) - 1;
            seg.windowScale = random.nextInt(20) - 1;
            seg.sackPermitted = random.nextBoolean();
        }
        else
        {
            // SACK blocks aimed at the sender's real sequence space, reversed or overlapping at times.
            final int base = sender.initialSendSequence() + 1 + (int)sender.counters().bytesAcked;
            final int blocks = random.nextInt(3);
            for (int b = 0; b < blocks; b++)
            {
                final int left = base + random.nextInt(1 << 20) - (1 << 18);
                seg.addSackBlock(left, left + random.nextInt(1 << 16) - 1024);
            }
        }
        seg.hasTimestamps = random.nextBoolean();
        seg.tsVal = random.nextInt();
        seg.tsEcr = random.nextInt();
        final ByteBuffer b = ByteBuffer.allocate(1600);
        final int header = SegmentCodec.encodeHeader(seg, b, 0);
        final int payload = random.nextInt(4) == 0 ? random.nextInt(1400) : 0;
        for (int i = 0; i < payload; i++)
        {
            b.put(header + i, (byte)random.nextInt());
        }
        codec.seal(b, 0, header + payload);
        return b.limit(header + payload);
    }
}
