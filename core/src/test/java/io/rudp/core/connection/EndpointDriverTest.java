package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver is how the real loop feeds the engine, so what it sends for a burst of datagrams that
 * one loop turn finds waiting is what goes on the wire. A loop that read the whole burst before
 * transmitting sent one ACK per ~37 data segments on a real path; RFC 5681 asks for one per two
 * full-sized segments, and at once for out-of-order data.
 */
class EndpointDriverTest
{
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 9000);
    private static final int BURST = 10; // the initial window

    /** A virtual clock that every read advances by 1 µs, like a loop doing real work. */
    private long clockNs = 4_666_000_000_000L;

    private long tickNs = 1_000;

    private long tick()
    {
        clockNs += tickNs;
        return clockNs;
    }

    private static RudpConfig config()
    {
        return RudpConfig.builder().isnSecret(1, 2).pacing(false).noDelay(true).build();
    }

    @Test
    void aBurstReadInOneTurnIsAckedOncePerTwoSegments()
    {
        final Pair p = new Pair();
        final List<ByteBuffer> burst = p.clientDataBurst(BURST);
        p.serverSent.clear();
        for (final ByteBuffer datagram : burst) // one loop turn: every datagram already waiting
        {
            p.serverDriver.onDatagram(datagram, CLIENT);
        }
        final long acks = p.serverSent.stream().filter(d -> d.has(TcpFlags.ACK) && d.payloadLength() == 0).count();
        assertEquals(BURST / 2, acks, "one ACK per two full-sized segments");
    }

    @Test
    void outOfOrderDataInABurstIsAckedAtOnce()
    {
        final Pair p = new Pair();
        final List<ByteBuffer> burst = p.clientDataBurst(6);
        p.serverSent.clear();
        // The first segment is lost: each of the other five arrives out of order and is ACKed at once.
        for (int i = 1; i < burst.size(); i++)
        {
            p.serverDriver.onDatagram(burst.get(i), CLIENT);
            assertEquals(i, p.serverSent.size(), "an immediate ACK for out-of-order segment " + i);
            assertTrue(p.serverSent.get(i - 1).sackBlockCount > 0, "with a SACK block");
        }
        // The hole is filled: ACKed at once too.
        p.serverDriver.onDatagram(burst.get(0), CLIENT);
        assertEquals(6, p.serverSent.size(), "an immediate ACK for the segment that fills the hole");
    }

    @Test
    void everyDatagramCarriesTheTimeItWasHandedOver()
    {
        // A loop that reads the clock once per turn stamped a whole burst with the turn's start:
        // timestamps and RTT samples tens of ms stale. The driver reads it for every datagram.
        final Pair p = new Pair();
        tickNs = 5_000_000L; // from here on, each clock read is 5 ms later
        final List<ByteBuffer> burst = p.clientDataBurst(BURST);
        final Segment previous = new Segment();
        for (int i = 0; i < burst.size(); i++)
        {
            final Segment s = new Segment();
            assertEquals(null, new SegmentCodec().decode(burst.get(i), s));
            assertTrue(s.hasTimestamps);
            if (i > 0)
            {
                assertEquals(previous.tsVal + 5, s.tsVal, "segment " + i + " stamped 5 ms after the one before");
            }
            previous.tsVal = s.tsVal;
        }
    }

    /** A client and a server endpoint, each behind its own driver, with a completed handshake. */
    private final class Pair
    {
        final SegmentCodec codec = new SegmentCodec();
        final Endpoint client = new Endpoint(config());
        final Endpoint server = new Endpoint(config());
        final List<ByteBuffer> clientOut = new ArrayList<>();
        final List<Segment> serverSent = new ArrayList<>();
        final EndpointDriver clientDriver = new EndpointDriver(client, EndpointDriverTest.this::tick,
            (d, to) -> clientOut.add(copy(d)), ByteBuffer.allocate(65536));
        final EndpointDriver serverDriver = new EndpointDriver(server, EndpointDriverTest.this::tick,
            (d, to) -> serverSent.add(decode(d)), ByteBuffer.allocate(65536));
        final List<ByteBuffer> serverOut = new ArrayList<>();
        final Connection connection;

        Pair()
        {
            server.listen(SERVER.getPort());
            connection = client.connect(tick(), SERVER, CLIENT.getPort(), SERVER.getPort());
            final EndpointDriver serverForwarding = new EndpointDriver(server, EndpointDriverTest.this::tick,
                (d, to) -> serverOut.add(copy(d)), ByteBuffer.allocate(65536));
            // SYN, SYN+ACK, ACK: hand each side's output to the other until both are quiet.
            clientDriver.transmit();
            for (int round = 0; round < 4; round++)
            {
                for (final ByteBuffer d : drain(clientOut))
                {
                    serverForwarding.onDatagram(d, CLIENT);
                }
                for (final ByteBuffer d : drain(serverOut))
                {
                    clientDriver.onDatagram(d, SERVER);
                }
            }
            assertEquals(ConnectionState.ESTABLISHED, connection.state());
            while (server.pollEvent() != null)
            {
                // CONNECTED
            }
        }

        /** Writes {@code segments} full-sized segments' worth and returns the datagrams the client sent. */
        List<ByteBuffer> clientDataBurst(final int segments)
        {
            clientOut.clear();
            connection.write(ByteBuffer.allocate(segments * connection.mssDataBytes()));
            clientDriver.transmit();
            assertEquals(segments, clientOut.size(), "the client sent the whole burst");
            return drain(clientOut);
        }

        private Segment decode(final ByteBuffer datagram)
        {
            final Segment s = new Segment();
            assertEquals(null, codec.decode(copy(datagram), s));
            return s;
        }
    }

    private static List<ByteBuffer> drain(final List<ByteBuffer> list)
    {
        final List<ByteBuffer> out = new ArrayList<>(list);
        list.clear();
        return out;
    }

    private static ByteBuffer copy(final ByteBuffer datagram)
    {
        final ByteBuffer c = ByteBuffer.allocate(datagram.remaining());
        c.put(datagram).flip();
        return c;
    }
}
