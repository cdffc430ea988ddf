package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Error in the loop thread (an OutOfMemoryError, say) leaves no zombie: the loop aborts its
 * connections, fails what is pending, closes its sockets and reports the Error, and the peer learns
 * at once (a RST), not after a user timeout.
 */
class LoopFailureTest
{
    @Test
    @Timeout(20)
    void anErrorStopsTheLoopCleanlyAndSaysWhy() throws Exception
    {
        final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server").build()))
        {
            final RudpLoop doomed = RudpLoop.start(LoopConfig.builder().threadName("doomed").build());
            final RudpSocket server = serverLoop.bind(loopback, RudpConfig.defaults());
            final CompletableFuture<RudpConnection> accepted = new CompletableFuture<>();
            server.listen(server.localAddress().getPort(), accepted::complete);
            final RudpSocket client = doomed.bind(loopback, RudpConfig.defaults());
            final RudpConnection connection = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
            final RudpConnection serverSide = accepted.get(5, TimeUnit.SECONDS);
            // A connect that will never be answered: nothing listens on that rudp port.
            final CompletableFuture<RudpConnection> pending = client.connect(server.localAddress(), 4242, Duration.ofSeconds(60));

            final OutOfMemoryError error = new OutOfMemoryError("simulated");
            doomed.execute(() ->
            {
                throw error;
            });

            final ExecutionException died = assertThrows(ExecutionException.class,
                () -> doomed.terminationFuture().get(5, TimeUnit.SECONDS));
            assertSame(error, died.getCause());
            assertSame(error, doomed.failure());
            assertEquals(CloseReason.ABORTED, connection.closeFuture().get(5, TimeUnit.SECONDS));
            final ExecutionException connectFailed = assertThrows(ExecutionException.class,
                () -> pending.get(5, TimeUnit.SECONDS));
            assertInstanceOf(RudpException.class, connectFailed.getCause());
            assertFalse(client.port().isOpen(), "the socket is closed");
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> doomed.execute(() -> { }));
            assertTrue(refused.getMessage().contains("died"), refused.getMessage());
            doomed.close(); // returns at once, does not throw
            assertEquals(CloseReason.RESET_BY_PEER, serverSide.closeFuture().get(5, TimeUnit.SECONDS),
                "the peer learned at once from the RST");
        }
    }

    @Test
    @Timeout(10)
    void anExceptionInOneTurnDoesNotStopTheLoop() throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            loop.execute(() ->
            {
                throw new IllegalStateException("one bad command");
            });
            assertEquals(42, loop.submit(() -> 42).get(5, TimeUnit.SECONDS));
            assertFalse(loop.terminationFuture().isDone());
        }
    }
}
