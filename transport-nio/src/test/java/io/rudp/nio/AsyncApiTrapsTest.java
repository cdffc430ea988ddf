package io.rudp.nio;

import io.rudp.nio.testkit.TestEcho;
import io.rudp.nio.testkit.ImpairingRelay;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Traps a new user of the asynchronous API fell into, each pinned on loopback. */
class AsyncApiTrapsTest
{
    private RudpLoop loop;
    private RudpSocket server;
    private RudpSocket client;

    @BeforeEach
    void start() throws Exception
    {
        loop = RudpLoop.start(LoopConfig.defaults());
        final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = loop.bind(loopback, RudpConfig.defaults());
        server.listen(server.localAddress().getPort(), TestEcho::attach);
        client = loop.bind(loopback, RudpConfig.defaults());
    }

    @AfterEach
    void stop()
    {
        loop.close();
    }

    @Test
    @Timeout(10)
    void aWriterThatWaitsForItsFirstOnWritableGetsIt() throws Exception
    {
        final RudpConnection c = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
        final CompletableFuture<Integer> wrote = new CompletableFuture<>();
        c.listener(new RudpConnection.Listener()
        {
            @Override
            public void onWritable(final RudpConnection connection)
            {
                try
                {
                    wrote.complete(connection.write(ByteBuffer.wrap(new byte[1000])));
                }
                catch (final java.io.IOException e)
                {
                    wrote.completeExceptionally(e);
                }
            }
        });
        assertEquals(1000, wrote.get(5, TimeUnit.SECONDS), "the first onWritable came without a write first");
    }

    @Test
    @Timeout(15)
    void aClosedConnectionIsNotOfferedToItsReader() throws Exception
    {
        // After the application closed its connection, the end of the peer's stream used to arrive
        // as onReadable, and the read it prompted threw "read after close".
        final RudpConnection c = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
        final java.util.List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        c.listener(readerRecording(thrown));
        c.close();
        c.closeFuture().get(5, TimeUnit.SECONDS);
        loop.close();
        assertTrue(thrown.isEmpty(), "onReadable after close: " + thrown);
        assertTrue(loop.terminationFuture().isDone(), "the loop has stopped when close() returns");
    }

    @Test
    @Timeout(15)
    void closingTheLoopLetsAListenerReadToTheEnd() throws Exception
    {
        final RudpConnection c = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
        final java.util.List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        c.listener(readerRecording(thrown));
        loop.close(); // closes both ends on the applications' behalf
        assertTrue(thrown.isEmpty(), "read threw after the loop closed the connection: " + thrown);
    }

    @Test
    @Timeout(10)
    void blockingReadsTimeOutLikeASocketAndSaySocketClosedAfterClose() throws Exception
    {
        final RudpConnection c = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
        c.readTimeout(java.time.Duration.ofMillis(200));
        final java.io.InputStream in = c.inputStream();
        // The echo server has nothing to say yet: the read gives up, and the connection stays usable.
        org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class, in::read);
        c.outputStream().write(7);
        assertEquals(7, in.read(), "still usable after a timeout");
        c.close();
        final java.io.IOException closed = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, in::read);
        assertTrue(closed instanceof java.net.SocketException && closed.getMessage().startsWith("Socket closed"),
            "as java.net.Socket says it: " + closed);
        org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketException.class, () -> c.outputStream().write(1));
    }

    @Test
    @Timeout(15)
    void aConnectionTheLoopHadToAbortAtItsCloseSaysAbortedAndNoLoopThreadOutlivesClose() throws Exception
    {
        final String name = "traps-shutdown-loop";
        final RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName(name)
            .shutdownGrace(java.time.Duration.ofMillis(300)).build());
        try (ImpairingRelay relay = new ImpairingRelay(server.localAddress(), 1, 0, 0, 0, 0))
        {
            final RudpSocket socket = clientLoop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                RudpConfig.defaults());
            final RudpConnection c = socket.connect(relay.address(), server.localAddress().getPort(),
                java.time.Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
            final CompletableFuture<io.rudp.core.connection.CloseReason> heard = new CompletableFuture<>();
            c.listener(new RudpConnection.Listener()
            {
                @Override
                public void onClosed(final RudpConnection connection, final io.rudp.core.connection.CloseReason reason)
                {
                    heard.complete(reason);
                }
            });
            relay.cut(); // the peer can no longer answer the FIN the loop's close sends
            final Thread thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .findFirst().orElseThrow();
            clientLoop.close();
            assertFalse(thread.isAlive(), "the loop thread outlived close()");
            assertEquals(io.rudp.core.connection.CloseReason.ABORTED, heard.getNow(null),
                "the loop tore the connection down when its grace ran out: not a normal close");
            assertEquals(io.rudp.core.connection.CloseReason.ABORTED, c.closeFuture().getNow(null));
        }
        finally
        {
            clientLoop.close();
        }
    }

    /** A listener that reads whatever is offered and records what its reads throw. */
    private static RudpConnection.Listener readerRecording(final java.util.List<Throwable> thrown)
    {
        return new RudpConnection.Listener()
        {
            @Override
            public void onReadable(final RudpConnection connection)
            {
                try
                {
                    connection.read(ByteBuffer.allocate(8192));
                }
                catch (final Exception e)
                {
                    thrown.add(e);
                }
            }
        };
    }

    @Test
    @Timeout(10)
    void statsAskedForInsideACallbackCompleteThere() throws Exception
    {
        final RudpConnection c = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
        final CompletableFuture<Boolean> answered = new CompletableFuture<>();
        c.listener(new RudpConnection.Listener()
        {
            @Override
            public void onWritable(final RudpConnection connection)
            {
                // On the loop thread: a future the loop itself must complete would never be waited out.
                final CompletableFuture<ConnectionStats> stats = connection.stats();
                answered.complete(stats.isDone() && stats.join().segmentsSent() > 0);
            }
        });
        assertTrue(answered.get(5, TimeUnit.SECONDS), "complete at once on the loop thread");
    }
}
