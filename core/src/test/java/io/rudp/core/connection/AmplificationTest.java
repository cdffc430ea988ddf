package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server facing spoofed sources: what it sends to an address that never proved it asked, against
 * what it received "from" it. QUIC allows 3x before validation (RFC 9000 §8.1); so does rudp.
 */
class AmplificationTest
{
    private static final InetSocketAddress VICTIM = new InetSocketAddress("127.0.0.66", 4444);
    private static final long MS = 1_000_000L;
    private final SegmentCodec codec = new SegmentCodec();
    private long nowNs = 4_666_000 * MS;
    private long received;
    private long sentToVictim;
    private int datagramsToVictim;

    private void deliver(final Endpoint server, final Segment seg)
    {
        final ByteBuffer b = ByteBuffer.allocate(200);
        final int length = SegmentCodec.encodeHeader(seg, b, 0);
        codec.seal(b, 0, length);
        b.limit(length);
        received += length;
        server.onDatagram(nowNs, b, VICTIM);
        drain(server);
    }

    /** Sends what the server has to send, counting what goes to the victim's address. */
    private void drain(final Endpoint server)
    {
        new EndpointDriver(server, () -> nowNs, (datagram, to) ->
        {
            if (to.equals(VICTIM))
            {
                sentToVictim += datagram.remaining();
                datagramsToVictim++;
            }
            return true;
        }, ByteBuffer.allocate(server.config().maxDatagramBytes())).transmit();
    }

    /** A SYN as a real client sends it: MSS, window scale, SACK-permitted, timestamps. */
    private static Segment syn(final int srcPort)
    {
        final Segment s = new Segment();
        s.srcPort = srcPort;
        s.dstPort = 443;
        s.seq = srcPort * 7919;
        s.flags = TcpFlags.SYN;
        s.window = 65535;
        s.mss = 1452;
        s.windowScale = 7;
        s.sackPermitted = true;
        s.hasTimestamps = true;
        s.tsVal = 12345;
        return s;
    }

    private void runTimersFor(final Endpoint server, final long durationNs)
    {
        final long endNs = nowNs + durationNs;
        while (server.nextTimeoutNs() != Long.MAX_VALUE && server.nextTimeoutNs() <= endNs)
        {
            nowNs = Math.max(nowNs, server.nextTimeoutNs());
            server.onTimeout(nowNs);
            drain(server);
        }
        nowNs = endNs;
    }

    @Test
    void synReflectionIsHeldToThreeTimesWhatTheVictimSeemedToSend()
    {
        for (final int maxHalfOpen : new int[] {1024, 1})   // room in the table, then SYN cookies
        {
            received = 0;
            sentToVictim = 0;
            final Endpoint server = new Endpoint(RudpConfig.builder().isnSecret(1, 2).maxHalfOpen(maxHalfOpen).build());
            server.listen(443);
            for (int i = 0; i < 100; i++)
            {
                deliver(server, syn(20_000 + i));
                nowNs += 10 * MS;
            }
            runTimersFor(server, 200_000 * MS); // every SYN+ACK retransmission the handshake would make
            final double factor = (double)sentToVictim / received;
            System.out.printf("SYN reflection, half-open table %d: %d bytes received, %d sent back (%.2fx)%n",
                maxHalfOpen, received, sentToVictim, factor);
            assertTrue(factor <= 3.0, "amplification " + factor);
            assertEquals(0, server.connectionCount(), "every half-open connection expired");
        }
    }

    @Test
    void aPeerThatRetransmitsItsSynIsStillAnswered()
    {
        final Endpoint server = new Endpoint(RudpConfig.builder().isnSecret(1, 2).build());
        server.listen(443);
        deliver(server, syn(30_000));
        runTimersFor(server, 10_000 * MS); // SYN+ACKs at 0, 1, 3 s; the 4th (7 s) withheld
        assertEquals(3, datagramsToVictim);
        deliver(server, syn(30_000)); // a real client retransmits its SYN: the allowance grows
        assertEquals(4, datagramsToVictim, "answered at once");
    }

    @Test
    void resetsForUnknownConnectionsAreRateLimitedPerSource()
    {
        final Endpoint server = new Endpoint(RudpConfig.builder().isnSecret(1, 2).build());
        for (int i = 0; i < 1000; i++)
        {
            final Segment ack = new Segment();
            ack.srcPort = 40_000;
            ack.dstPort = 9;
            ack.seq = i;
            ack.ack = i;
            ack.flags = TcpFlags.ACK;
            ack.window = 100;
            deliver(server, ack);
            nowNs += MS; // 1,000 segments in a second
        }
        assertEquals(10, datagramsToVictim, "10 RSTs a second per source");
        assertEquals(990, server.resetsRateLimited());
    }
}
