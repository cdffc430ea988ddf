package io.rudp.core.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Property tests: every valid segment round-trips; no byte string makes the decoder throw. */
class SegmentCodecProperties
{
    private final SegmentCodec codec = new SegmentCodec();

    @Provide
    Arbitrary<Segment> segments()
    {
        final Arbitrary<Integer> ports = Arbitraries.integers().between(1, 65535);
        final Arbitrary<Integer> ints = Arbitraries.integers();
        final Arbitrary<Integer> flags = Arbitraries.of(TcpFlags.ACK, TcpFlags.ACK | TcpFlags.PSH, TcpFlags.SYN,
            TcpFlags.SYN | TcpFlags.ACK, TcpFlags.FIN | TcpFlags.ACK, TcpFlags.RST, TcpFlags.RST | TcpFlags.ACK);
        final Arbitrary<Integer> sackBlocks = Arbitraries.integers().between(0, 2);
        return Combinators.combine(ports, ports, ints, ints, flags, Arbitraries.integers().between(0, 65535),
            Arbitraries.of(true, false), sackBlocks).as((src, dst, seq, ack, f, win, ts, blocks) ->
        {
            final Segment s = new Segment();
            s.srcPort = src;
            s.dstPort = dst;
            s.seq = seq;
            s.ack = ack;
            s.flags = f;
            s.window = win;
            s.hasTimestamps = ts;
            s.tsVal = seq ^ 0x5A5A;
            s.tsEcr = ack ^ 0x3C3C;
            if ((f & TcpFlags.SYN) != 0)
            {
                s.mss = win % 9000;
                s.windowScale = win % 15;
                s.sackPermitted = ts;
            }
            for (int i = 0; (f & TcpFlags.SYN) == 0 && i < blocks; i++)
            {
                s.addSackBlock(seq + i * 1000, seq + i * 1000 + 500);
            }
            return s;
        });
    }

    @Property(tries = 500)
    void validSegmentsRoundTrip(@ForAll("segments") final Segment in, @ForAll @IntRange(max = 1400) final int payload)
    {
        final ByteBuffer buf = ByteBuffer.allocate(1500);
        final int header = SegmentCodec.encodeHeader(in, buf, 0);
        codec.seal(buf, 0, header + payload);
        buf.limit(header + payload);
        final Segment out = new Segment();
        assertNull(codec.decode(buf, out));
        assertEquals(in.srcPort, out.srcPort);
        assertEquals(in.dstPort, out.dstPort);
        assertEquals(in.seq, out.seq);
        assertEquals(in.ack, out.ack);
        assertEquals(in.flags, out.flags);
        assertEquals(in.window, out.window);
        assertEquals(in.mss, out.mss);
        assertEquals(in.windowScale, out.windowScale);
        assertEquals(in.sackPermitted, out.sackPermitted);
        assertEquals(in.hasTimestamps, out.hasTimestamps);
        if (in.hasTimestamps)
        {
            assertEquals(in.tsVal, out.tsVal);
            assertEquals(in.tsEcr, out.tsEcr);
        }
        assertEquals(in.sackBlockCount, out.sackBlockCount);
        assertEquals(payload, out.payloadLength());
    }

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 100) final byte[] bytes)
    {
        codec.decode(ByteBuffer.wrap(bytes), new Segment());
    }

    @Property(tries = 2000)
    void mutatedValidSegmentsNeverThrow(@ForAll("segments") final Segment in,
        @ForAll @Size(min = 1, max = 8) final List<@IntRange(max = 99) Integer> positions,
        @ForAll final byte value, @ForAll final boolean reseal)
    {
        final ByteBuffer buf = ByteBuffer.allocate(1500);
        final int length = SegmentCodec.encodeHeader(in, buf, 0) + 20;
        for (final int p : positions)
        {
            buf.put(p % length, value);
        }
        if (reseal && length >= 28)
        {
            codec.seal(buf, 0, length); // let mutations reach the option parser past the CRC check
        }
        buf.limit(length);
        codec.decode(buf, new Segment());
    }
}
