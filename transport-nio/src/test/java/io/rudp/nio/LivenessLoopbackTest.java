package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ephemeral ports and keepalive over real loopback UDP. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LivenessLoopbackTest
{
    @Test
    void twoClientsOnOneHostGetDifferentRandomPorts() throws Exception
    {
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final int port = server.localAddress().getPort();
            server.listen(port, c -> { });
            // Two clients, each with its own socket (as two processes would have), same server.
            final RudpConnection a = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config())
                .connect(server.localAddress(), port, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            final RudpConnection b = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config())
                .connect(server.localAddress(), port, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            System.out.printf("two clients' rudp ports: %d and %d%n", a.localPort(), b.localPort());
            assertNotEquals(a.localPort(), b.localPort(), "RFC 6056: each socket's ports start somewhere else");
            assertNotEquals(49152, a.localPort(), "not the first port of the range");
        }
    }

    @Test
    void keepaliveHoldsASilentConnectionPastThePeersIdleTimeout() throws Exception
    {
        // The server lets a connection go after 2 s of silence; the client, idle too, probes every
        // second, and the probes' answers are what the server hears. The NAT-mapping case, on loopback.
        final RudpConfig server2s = LoopbackSupport.config().toBuilder().idleTimeout(Duration.ofSeconds(2)).build();
        final RudpConfig clientKeepalive = LoopbackSupport.config().toBuilder().keepAlive(true)
            .keepAliveIdle(Duration.ofMillis(500)).keepAliveInterval(Duration.ofMillis(500)).build();
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, server2s);
            final int port = server.localAddress().getPort();
            final java.util.concurrent.CompletableFuture<RudpConnection> accepted = new java.util.concurrent.CompletableFuture<>();
            server.listen(port, accepted::complete);
            final RudpConnection client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, clientKeepalive)
                .connect(server.localAddress(), port, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            final RudpConnection serverSide = accepted.get(5, TimeUnit.SECONDS);
            // Nothing is sent for 4 s, twice the server's idle timeout: the connection stays.
            assertThrows(TimeoutException.class, () -> serverSide.closeFuture().get(4, TimeUnit.SECONDS),
                "closed although keepalives were answered");
            client.abort();
            assertEquals(CloseReason.RESET_BY_PEER, serverSide.closeFuture().get(5, TimeUnit.SECONDS));
        }
    }
}
