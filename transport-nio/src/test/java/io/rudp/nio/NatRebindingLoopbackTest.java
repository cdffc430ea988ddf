package io.rudp.nio;

import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NAT rebinding over real loopback UDP: a relay forwards the client's connection and changes the
 * UDP port the server sees it from, three times, mid-transfer. The transfer completes byte-exact
 * on the one connection, which the server moved to each new port once it answered a challenge.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NatRebindingLoopbackTest
{
    @Test
    void aTransferThroughARelayThatChangesItsPortCompletesOnOneConnection() throws Exception
    {
        final byte[] data = LoopbackSupport.randomBytes(11, 30_000_000);
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final int port = server.localAddress().getPort();
            final CompletableFuture<byte[]> received = new CompletableFuture<>();
            final AtomicReference<RudpConnection> accepted = new AtomicReference<>();
            // {bytes read, rebinds done}, guarded by itself: the reader notifies as bytes arrive, and
            // holds at each sixth of the data until that sixth's rebind is done.
            final long[] readBytes = {0, 0};
            final long sixth = data.length / 6L;
            server.listen(port, c ->
            {
                accepted.set(c);
                readCounting(c, received, readBytes, sixth);
            });
            try (RebindingRelay relay = new RebindingRelay(server.localAddress()))
            {
                final RudpSocket client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
                final RudpConnection c = client.connect(relay.address(), port, Duration.ofSeconds(10))
                    .get(20, TimeUnit.SECONDS);
                final Thread writer = new Thread(() ->
                {
                    try (OutputStream out = c.outputStream())
                    {
                        out.write(data);
                    }
                    catch (final Exception e)
                    {
                        received.completeExceptionally(e);
                    }
                }, "writer");
                writer.start();
                // Rebind as the bytes flow: after each further sixth of them has been read. The reader
                // waits at each sixth until the rebind is done, so data is still to come every time.
                for (int i = 1; i <= 3; i++)
                {
                    final long target = data.length * i / 6L;
                    synchronized (readBytes)
                    {
                        while (readBytes[0] < target && !received.isDone())
                        {
                            readBytes.wait(1000);
                        }
                    }
                    relay.rebind();
                    // The server moves once the client's next segment comes through the new port and
                    // answers the challenge (within an RTO: its ACKs went to the closed port). The
                    // reader waits for that, or data buffered before the move would carry it past the
                    // next sixth with nothing sent through this port.
                    final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (accepted.get().stats().get(5, TimeUnit.SECONDS).pathMigrations() < i
                        && System.nanoTime() < deadlineNs)
                    {
                        Thread.onSpinWait();
                    }
                    synchronized (readBytes)
                    {
                        readBytes[1] = i; // rebind i done: the reader may go on
                        readBytes.notifyAll();
                    }
                }
                final byte[] got = received.get(50, TimeUnit.SECONDS);
                writer.join(10_000);
                assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(got), "SHA-256");
                final ConnectionStats serverStats = accepted.get().stats().get(5, TimeUnit.SECONDS);
                System.out.printf("30 MB through a relay rebinding 3 times: %d path challenges, %d migrations,"
                    + " server sees the client at port %d (relay's is %d)%n", serverStats.pathChallenges(),
                    serverStats.pathMigrations(), accepted.get().remoteAddress().getPort(), relay.serverFacingPort());
                assertEquals(3, relay.rebinds.get());
                assertEquals(3, serverStats.pathMigrations());
                assertEquals(relay.serverFacingPort(), accepted.get().remoteAddress().getPort());
                assertTrue(c.closeFuture().get(20, TimeUnit.SECONDS) == CloseReason.NORMAL);
            }
        }
    }

    /** Reads the connection to its end on a thread of its own, counting into {@code readBytes} as it goes. */
    private static void readCounting(final RudpConnection c, final CompletableFuture<byte[]> result, final long[] readBytes,
        final long sixth)
    {
        final Thread t = new Thread(() ->
        {
            try (java.io.InputStream in = c.inputStream())
            {
                final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                final byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0)
                {
                    all.write(buf, 0, n);
                    synchronized (readBytes)
                    {
                        readBytes[0] += n;
                        readBytes.notifyAll();
                        // Past sixth k (k = 1..3), wait for rebind k before reading on.
                        while (readBytes[1] < Math.min(3, readBytes[0] / sixth))
                        {
                            readBytes.wait(1000);
                        }
                    }
                }
                result.complete(all.toByteArray());
            }
            catch (final Exception e)
            {
                result.completeExceptionally(e);
            }
            synchronized (readBytes)
            {
                readBytes.notifyAll();
            }
        }, "reader");
        t.setDaemon(true);
        t.start();
    }
}
