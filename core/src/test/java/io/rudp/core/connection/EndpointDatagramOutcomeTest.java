package io.rudp.core.connection;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Endpoint.onDatagram says what became of each datagram, as SSLEngine.unwrap does, and counts it. */
class EndpointDatagramOutcomeTest
{
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.9", 5555);
    private final SegmentCodec codec = new SegmentCodec();
    private final Endpoint server = new Endpoint(RudpConfig.builder().isnSecret(1, 2).build());

    private ByteBuffer datagram(final Segment seg)
    {
        final ByteBuffer b = ByteBuffer.allocate(200);
        final int length = SegmentCodec.encodeHeader(seg, b, 0);
        codec.seal(b, 0, length);
        return b.limit(length);
    }

    private static Segment segment(final int flags, final int seq, final int ack)
    {
        final Segment s = new Segment();
        s.srcPort = 40000;
        s.dstPort = 443;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.window = 65535;
        return s;
    }

    @Test
    void eachDatagramSaysWhetherItWasTakenOrWhyItWasDropped()
    {
        server.listen(443);
        assertEquals(DropReason.TOO_SHORT, server.onDatagram(0, ByteBuffer.allocate(3), PEER));
        final ByteBuffer corrupted = datagram(segment(TcpFlags.SYN, 100, 0));
        corrupted.put(4, (byte)(corrupted.get(4) ^ 1));
        assertEquals(DropReason.BAD_CRC, server.onDatagram(0, corrupted, PEER));
        assertEquals(DropReason.NO_CONNECTION, server.onDatagram(0, datagram(segment(TcpFlags.ACK, 1, 1)), PEER));

        assertNull(server.onDatagram(0, datagram(segment(TcpFlags.SYN, 100, 0)), PEER), "a SYN to a listening port is taken");
        final Segment stray = segment(TcpFlags.ACK, 100 + 1 + 1_000_000, 1);
        assertEquals(DropReason.OUT_OF_WINDOW, server.onDatagram(0, datagram(stray), PEER),
            "a connection's own drops are reported too");
        assertEquals(1, server.dropCounters().get(DropReason.OUT_OF_WINDOW));
        assertEquals(1, server.dropCounters().get(DropReason.BAD_CRC));
    }
}
