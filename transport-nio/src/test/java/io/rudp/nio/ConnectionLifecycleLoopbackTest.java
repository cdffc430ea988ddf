package io.rudp.nio;

import io.rudp.nio.testkit.TestEcho;
import io.rudp.nio.testkit.ImpairingRelay;
import io.rudp.core.codec.DropReason;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the NIO transport adds to the lifecycle the conformance suite covers (LoopbackConformanceTest):
 * its exceptions and their messages, state released, closing a socket, failing listeners, garbage.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLifecycleLoopbackTest
{
    private RudpLoop loop;
    private RudpSocket server;
    private RudpSocket client;
    private int port;

    @BeforeEach
    void start() throws Exception
    {
        loop = RudpLoop.start(LoopConfig.defaults());
        server = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
        client = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
        port = server.localAddress().getPort();
    }

    @AfterEach
    void stop()
    {
        loop.close();
    }

    private static byte[] readAll(final RudpConnection c) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = c.inputStream())
        {
            final byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0)
            {
                bytes.write(buf, 0, n);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void abortResetsThePeer() throws Exception
    {
        final RudpListener listener = server.listen(port);
        final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        final RudpConnection s = listener.accept().get(10, TimeUnit.SECONDS);
        c.abort();
        assertEquals(CloseReason.ABORTED, c.closeFuture().get(10, TimeUnit.SECONDS));
        assertEquals(CloseReason.RESET_BY_PEER, s.closeFuture().get(10, TimeUnit.SECONDS));
        final RudpException e = assertThrows(RudpException.class, () -> s.read(ByteBuffer.allocate(10)));
        assertEquals(CloseReason.RESET_BY_PEER, e.reason());
        assertTrue(e.getMessage().contains("connection reset by peer"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> c.write(ByteBuffer.allocate(1)), "write after abort");
    }

    @Test
    void deadServerMakesThePeerUnreachable() throws Exception
    {
        // The server's host goes silent mid-transfer (no RST, nothing): the relay between them is cut.
        final RudpConfig quickGiveUp = LoopbackSupport.config().toBuilder().userTimeout(Duration.ofSeconds(2)).build();
        final RudpSocket quickClient = loop.bind(LoopbackSupport.ANY_LOOPBACK, quickGiveUp);
        server.listen(port, c -> { }); // accepts, never reads
        try (ImpairingRelay relay = new ImpairingRelay(server.localAddress(), 1, 0, 0, 0, 0))
        {
            final RudpConnection c = quickClient.connect(relay.address(), port, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            c.write(ByteBuffer.wrap(LoopbackSupport.randomBytes(5, 10_000)));
            relay.cut();
            c.write(ByteBuffer.wrap(LoopbackSupport.randomBytes(6, 10_000)));
            assertEquals(CloseReason.PEER_UNREACHABLE, c.closeFuture().get(30, TimeUnit.SECONDS));
            final RudpException e = assertThrows(RudpException.class, () -> c.write(ByteBuffer.allocate(1)));
            assertTrue(e.getMessage().contains("peer unreachable"), e.getMessage());
            assertEquals(0, quickClient.connectionCount().get(5, TimeUnit.SECONDS), "all state released");
        }
    }

    @Test
    void closingTheServerSocketResetsItsConnections() throws Exception
    {
        final RudpListener listener = server.listen(port);
        final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        listener.accept().get(10, TimeUnit.SECONDS);
        server.close();
        assertEquals(CloseReason.RESET_BY_PEER, c.closeFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheLoop() throws Exception
    {
        // One connection's callback fails every time; another connection on the same loop still works.
        server.listen(port, c -> c.listener(new RudpConnection.Listener()
        {
            @Override
            public void onReadable(final RudpConnection connection)
            {
                throw new IllegalStateException("application bug (expected by this test)");
            }
        }));
        final RudpConnection faulty = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        faulty.write(ByteBuffer.wrap(new byte[100]));

        final RudpSocket echoServer = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
        echoServer.listen(echoServer.localAddress().getPort(), TestEcho::attach);
        final RudpConnection healthy = client.connect(echoServer.localAddress()).get(10, TimeUnit.SECONDS);
        final byte[] data = LoopbackSupport.randomBytes(12, 100_000);
        try (OutputStream out = healthy.outputStream())
        {
            out.write(data);
        }
        assertArrayEquals(data, readAll(healthy));
        assertEquals(0, loop.turnErrors(), "callback failures are contained per connection, not per loop turn");
    }

    @Test
    void wrongUseIsNamed() throws Exception
    {
        final RudpListener listener = server.listen(port);
        final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        listener.accept().get(10, TimeUnit.SECONDS);
        assertThrows(NullPointerException.class, () -> c.write(null));
        assertThrows(NullPointerException.class, () -> c.read(null));
        assertThrows(IllegalArgumentException.class, () -> server.listen(0));
        assertThrows(IllegalStateException.class, () -> server.listen(port), "already listening");
        assertThrows(IllegalArgumentException.class,
            () -> client.connect(server.localAddress(), port, Duration.ZERO));
        c.shutdownOutput();
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.write(ByteBuffer.allocate(1)));
        assertTrue(e.getMessage().contains("write after shutdownOutput"), e.getMessage());
        c.close();
        assertThrows(IllegalStateException.class, () -> c.read(ByteBuffer.allocate(1)));
    }

    @Test
    void garbageAndSpoofedDatagramsDuringATransfer() throws Exception
    {
        final CompletableFuture<byte[]> received = new CompletableFuture<>();
        server.listen(port, c -> ImpairedTransferLoopbackTest.readAllInBackground(c, received));
        final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        final byte[] data = LoopbackSupport.randomBytes(7, 5_000_000);
        final Thread writer = new Thread(() ->
        {
            try (OutputStream out = c.outputStream())
            {
                out.write(data);
            }
            catch (final java.io.IOException e)
            {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        // An attacker on another socket fires junk at the server while the transfer runs.
        final int clientPort = c.localPort();
        final List<byte[]> junk = junk(clientPort, port);
        try (java.nio.channels.DatagramChannel attacker = java.nio.channels.DatagramChannel.open())
        {
            attacker.bind(LoopbackSupport.ANY_LOOPBACK);
            for (int round = 0; round < 20; round++)
            {
                for (final byte[] j : junk)
                {
                    attacker.send(ByteBuffer.wrap(j), server.localAddress());
                }
            }
        }
        final byte[] got = received.get(50, TimeUnit.SECONDS);
        assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(got));
        final Map<DropReason, Long> drops = server.dropCounts().get(5, TimeUnit.SECONDS);
        assertTrue(drops.get(DropReason.TOO_SHORT) >= 20, drops.toString());
        assertTrue(drops.get(DropReason.BAD_CRC) >= 60, drops.toString());
        // The well-formed junk cannot reach the real connection (its UDP source differs): it opens
        // and fails half-open connections of its own, each bad segment counted.
        final long total = drops.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total >= 100, "every bad datagram is counted: " + drops);
        writer.join(10_000);
    }

    /** Truncated, corrupted and spoofed segments (RST, SYN, data) aimed at the connection's ports. */
    private static List<byte[]> junk(final int clientPort, final int serverPort)
    {
        final List<byte[]> list = new ArrayList<>();
        list.add(new byte[] {1, 2, 3});
        final io.rudp.core.codec.SegmentCodec codec = new io.rudp.core.codec.SegmentCodec();
        for (final int flags : new int[] {io.rudp.core.codec.TcpFlags.RST, io.rudp.core.codec.TcpFlags.SYN,
            io.rudp.core.codec.TcpFlags.ACK | io.rudp.core.codec.TcpFlags.PSH})
        {
            final io.rudp.core.codec.Segment seg = new io.rudp.core.codec.Segment();
            seg.srcPort = clientPort;
            seg.dstPort = serverPort;
            seg.seq = 123456;
            seg.ack = 654321;
            seg.flags = flags;
            seg.window = 1000;
            final ByteBuffer b = ByteBuffer.allocate(200);
            final int header = io.rudp.core.codec.SegmentCodec.encodeHeader(seg, b, 0);
            codec.seal(b, 0, header + 50);
            final byte[] good = java.util.Arrays.copyOf(b.array(), header + 50);
            list.add(good); // well-formed but from the wrong UDP address: no such connection
            final byte[] corrupt = good.clone();
            corrupt[30] ^= 0x55;
            list.add(corrupt);
        }
        return list;
    }
}
