package io.rudp.nio;

import io.rudp.nio.testkit.ImpairingRelay;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A connect to a UDP port where nothing is bound: through a socket connected to that peer, the
 * kernel's ICMP port unreachable makes it fail at once with REFUSED, as a TCP connect does; through
 * an ordinary (unconnected) socket, which serves many peers, the error is never seen and the connect
 * times out — the limit the README states. An established connection whose peer's port goes away
 * mid-transfer ends at its next retransmission timeout, as {@code PEER_PORT_UNREACHABLE}, not after
 * the 300 s user timeout.
 */
class PortUnreachableLoopbackTest
{
    private static InetSocketAddress nothingBound() throws Exception
    {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
    }

    @Test
    @Timeout(20)
    void aConnectedSocketIsRefusedAtOnce() throws Exception
    {
        final InetSocketAddress target = nothingBound();
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bindConnected(target, RudpConfig.defaults());
            final long startNs = System.nanoTime();
            final ExecutionException refused = assertThrows(ExecutionException.class,
                () -> socket.connect(target, target.getPort(), Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS));
            final double ms = (System.nanoTime() - startNs) / 1e6;
            assertInstanceOf(RudpException.class, refused.getCause());
            assertEquals(CloseReason.REFUSED, ((RudpException)refused.getCause()).reason());
            System.out.printf("connect to a UDP port with nothing bound: REFUSED after %.1f ms%n", ms);
        }
    }

    @Test
    @Timeout(20)
    void anUnconnectedSocketCannotSeeTheErrorAndTimesOut() throws Exception
    {
        final InetSocketAddress target = nothingBound();
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(0), RudpConfig.defaults());
            final ExecutionException timedOut = assertThrows(ExecutionException.class,
                () -> socket.connect(target, target.getPort(), Duration.ofMillis(1500)).get(15, TimeUnit.SECONDS));
            assertEquals(CloseReason.CONNECT_TIMED_OUT, ((RudpException)timedOut.getCause()).reason());
        }
    }

    @Test
    @Timeout(40)
    void aPeerWhosePortVanishesEndsTheConnectionAtTheNextTimeout() throws Exception
    {
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final int port = server.localAddress().getPort();
            server.listen(port, c -> { }); // accepts, never reads: the client's data stays in flight
            final ImpairingRelay relay = new ImpairingRelay(server.localAddress(), 1, 0, 0, 0, 0);
            // The client's socket is connected to its peer (the relay, standing in for the peer
            // process), so the kernel's ICMP port unreachable reaches it.
            final RudpSocket client = clientLoop.bindConnected(relay.address(), LoopbackSupport.config());
            final RudpConnection c = client.connect(relay.address(), port, Duration.ofSeconds(10))
                .get(20, TimeUnit.SECONDS);
            c.write(java.nio.ByteBuffer.wrap(new byte[100_000]));
            relay.close(); // the peer's process is gone: its UDP port is closed, nothing answers
            final long goneNs = System.nanoTime();
            c.write(java.nio.ByteBuffer.wrap(new byte[1000]));
            final CloseReason reason = c.closeFuture().get(30, TimeUnit.SECONDS);
            final double ms = (System.nanoTime() - goneNs) / 1e6;
            System.out.printf("peer's port closed mid-transfer: %s after %.0f ms%n", reason, ms);
            assertEquals(CloseReason.PEER_PORT_UNREACHABLE, reason);
        }
    }
}
