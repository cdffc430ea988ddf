package io.rudp.nio;

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
 * times out — the limit the README states.
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
}
