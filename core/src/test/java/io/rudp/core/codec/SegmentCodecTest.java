package io.rudp.core.codec;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The codec on hand-picked inputs: exact layout, and each kind of malformed segment. */
class SegmentCodecTest
{
    private final SegmentCodec codec = new SegmentCodec();

    private ByteBuffer encode(final Segment seg, final int payload)
    {
        final ByteBuffer buf = ByteBuffer.allocate(2048);
        final int header = SegmentCodec.encodeHeader(seg, buf, 0);
        for (int i = 0; i < payload; i++)
        {
            buf.put(header + i, (byte)(i * 7));
        }
        codec.seal(buf, 0, header + payload);
        return buf.limit(header + payload);
    }

    private static Segment synWithAllOptions()
    {
        final Segment s = new Segment();
        s.srcPort = 5000;
        s.dstPort = 80;
        s.seq = 1000;
        s.ack = 0;
        s.flags = TcpFlags.SYN;
        s.window = 65535;
        s.mss = 1452;
        s.windowScale = 7;
        s.sackPermitted = true;
        s.hasTimestamps = true;
        s.tsVal = 123;
        s.tsEcr = 0;
        return s;
    }

    @Test
    void headerLayoutIsRfc9293()
    {
        final ByteBuffer buf = encode(synWithAllOptions(), 0);
        assertEquals(5000, buf.getShort(0) & 0xFFFF);
        assertEquals(80, buf.getShort(2) & 0xFFFF);
        assertEquals(1000, buf.getInt(4));
        assertEquals(20 + 8 + 4 + 4 + 12 + 4, (buf.get(12) >>> 4 & 0xF) * 4, "data offset covers the options");
        assertEquals(TcpFlags.SYN, buf.get(13));
        assertEquals(0, buf.getShort(16), "checksum field is 0");
        assertEquals(0, buf.getShort(18), "urgent pointer is 0");
        assertEquals(253, buf.get(20) & 0xFF, "CRC option first");
        assertEquals(8, buf.get(21));
        assertEquals(SegmentCodec.CRC_EXID, buf.getShort(22) & 0xFFFF);
    }

    @Test
    void roundTripWithOptionsAndPayload()
    {
        final Segment s = synWithAllOptions();
        s.flags = TcpFlags.ACK | TcpFlags.PSH;
        s.mss = -1;
        s.windowScale = -1;
        s.sackPermitted = false;
        s.addSackBlock(100, 200);
        s.addSackBlock(300, 400);
        final ByteBuffer buf = encode(s, 1000);
        final Segment out = new Segment();
        assertNull(codec.decode(buf, out));
        assertEquals(s.seq, out.seq);
        assertEquals(2, out.sackBlockCount);
        assertEquals(300, out.sackLeft[1]);
        assertEquals(400, out.sackRight[1]);
        assertEquals(123, out.tsVal);
        assertEquals(1000, out.payloadLength());
        assertEquals((byte)(999 * 7), out.payloadBuffer().get(out.payloadOffset() + 999));
        assertEquals(0, buf.position(), "decode leaves the position alone");
    }

    @Test
    void everyFlippedBitIsCaughtByTheCrc()
    {
        final ByteBuffer good = encode(synWithAllOptions(), 64);
        final Segment out = new Segment();
        for (int i = 0; i < good.limit() * 8; i++)
        {
            final ByteBuffer bad = ByteBuffer.allocate(good.limit());
            bad.put(0, good, 0, good.limit());
            bad.put(i / 8, (byte)(bad.get(i / 8) ^ (1 << (i % 8))));
            assertTrue(codec.decode(bad, out) != null, "bit " + i + " flipped but accepted");
        }
    }

    private DropReason decodeMutated(final java.util.function.Consumer<ByteBuffer> mutate, final boolean reseal)
    {
        final ByteBuffer buf = encode(synWithAllOptions(), 10);
        mutate.accept(buf);
        if (reseal)
        {
            codec.seal(buf, 0, buf.limit());
        }
        return codec.decode(buf, new Segment());
    }

    @Test
    void malformedSegmentsAreRejectedWithTheirReason()
    {
        assertEquals(DropReason.TOO_SHORT, codec.decode(ByteBuffer.allocate(19), new Segment()));
        assertEquals(DropReason.BAD_DATA_OFFSET, decodeMutated(b -> b.put(12, (byte)0x40), false));
        assertEquals(DropReason.BAD_DATA_OFFSET, decodeMutated(b -> b.limit(30), false));
        assertEquals(DropReason.RESERVED_BITS, decodeMutated(b -> b.put(12, (byte)(b.get(12) | 1)), false));
        assertEquals(DropReason.UNSUPPORTED_FLAGS, decodeMutated(b -> b.put(13, (byte)(TcpFlags.SYN | TcpFlags.URG)), false));
        assertEquals(DropReason.URGENT_POINTER, decodeMutated(b -> b.putShort(18, (short)1), false));
        assertEquals(DropReason.BAD_PORT, decodeMutated(b -> b.putShort(0, (short)0), false));
        assertEquals(DropReason.BAD_FLAG_COMBINATION, decodeMutated(b -> b.put(13, (byte)(TcpFlags.SYN | TcpFlags.FIN)), false));
        assertEquals(DropReason.BAD_OPTION_LENGTH, decodeMutated(b -> b.put(29, (byte)1), true), "MSS length 1");
        assertEquals(DropReason.BAD_OPTION_LENGTH, decodeMutated(b -> b.put(29, (byte)0), true), "MSS length 0");
        assertEquals(DropReason.OPTION_PAST_END, decodeMutated(b -> b.put(29, (byte)40), true));
        assertEquals(DropReason.MISSING_CRC, decodeMutated(b -> b.putShort(22, (short)0x1234), false), "another experiment's option");
        assertEquals(DropReason.BAD_CRC, decodeMutated(b -> b.put(b.limit() - 1, (byte)99), false));
    }

    @Test
    void unknownOptionsAreSkippedByLength()
    {
        final ByteBuffer buf = encode(synWithAllOptions(), 0);
        // Turn the MSS option (kind 2, at 28) into an unknown kind 99 of the same length.
        buf.put(28, (byte)99);
        codec.seal(buf, 0, buf.limit());
        final Segment out = new Segment();
        assertNull(codec.decode(buf, out));
        assertEquals(-1, out.mss);
        assertEquals(7, out.windowScale);
    }

    @Test
    void windowScaleAbove14IsTreatedAs14()
    {
        final Segment s = synWithAllOptions();
        s.windowScale = 20;
        final Segment out = new Segment();
        assertNull(codec.decode(encode(s, 0), out));
        assertEquals(14, out.windowScale);
    }
}
