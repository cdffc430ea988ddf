package io.rudp.examples;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import io.rudp.nio.ConnectionStats;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An echo server and client in one process over real UDP on loopback, printing each segment in
 * time order. ISNs are fixed at 1000 (client) and 2000 (server) so the numbers read like the
 * textbook. With {@code --loss}, the seed's exchange instead: 300 bytes, then 100 at seq 1301 that a
 * relay drops once, the retransmission after the timeout, the ACK 1401 that covers it, the teardown.
 */
final class LoopbackDemo
{
    private LoopbackDemo()
    {
    }

    static int run(final String[] args) throws Exception
    {
        final String message = args.length > 0 ? String.join(" ", args) : "hello, rudp";
        final TraceLog log = new TraceLog(System.nanoTime());
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket server = tracedSocket(loop, 2000, "server", log);
            final RudpSocket client = tracedSocket(loop, 1000, "client", log);
            final int port = server.localAddress().getPort();
            System.out.println("rudp demo: echo server on " + server.localAddress() + " (rudp port " + port
                + "), client on " + client.localAddress());
            server.listen(port, LoopbackDemo::echoInBackground);

            final RudpConnection c = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
            log.now(String.format("client: connected; sending \"%s\" and half-closing", message));
            try (OutputStream out = c.outputStream())
            {
                out.write(message.getBytes(StandardCharsets.UTF_8));
            }
            final String echoed;
            try (InputStream in = c.inputStream())
            {
                echoed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            final CloseReason reason = c.closeFuture().get(5, TimeUnit.SECONDS);
            log.now(String.format("client: echo \"%s\" %s; connection ended: %s", echoed,
                echoed.equals(message) ? "matches" : "DOES NOT MATCH",
                reason == CloseReason.NORMAL ? "closed gracefully" : reason.description()));
            log.print(System.out);
            return echoed.equals(message) ? 0 : 1;
        }
    }

    /** The seed's exchange over loopback, its data segment at seq 1301 lost once on the way. */
    static int runWithLoss() throws Exception
    {
        final TraceLog log = new TraceLog(System.nanoTime());
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket server = tracedSocket(loop, 2000, "server", log);
            final RudpSocket client = tracedSocket(loop, 1000, "client", log);
            final int port = server.localAddress().getPort();
            final CompletableFuture<Long> received = new CompletableFuture<>();
            server.listen(port, connection -> readInBackground(connection, received));
            try (LossyRelay relay = new LossyRelay(server.localAddress(), 1301, log))
            {
                System.out.println("rudp demo --loss: server on " + server.localAddress() + ", client on "
                    + client.localAddress() + ", through a relay on " + relay.address()
                    + " that drops the data segment at seq 1301 once");
                final RudpConnection c = client.connect(relay.address(), port, Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS);
                final OutputStream out = c.outputStream();
                log.now("client: writes 300 bytes");
                out.write(new byte[300]);
                out.flush();
                awaitAcked(c, 300);
                log.now("client: writes 100 bytes (seq 1301)");
                out.write(new byte[100]);
                out.flush();
                awaitAcked(c, 400);
                log.now("client: closes");
                c.close();
                final CloseReason reason = c.closeFuture().get(10, TimeUnit.SECONDS);
                final long bytes = received.get(10, TimeUnit.SECONDS);
                final ConnectionStats stats = c.stats().get(5, TimeUnit.SECONDS);
                log.now(String.format("client: connection ended: %s; the server read %d bytes; %d timeout(s),"
                    + " %d retransmission(s)", reason == CloseReason.NORMAL ? "closed gracefully" : reason.description(),
                    bytes, stats.timeouts(), stats.retransmits()));
                log.print(System.out);
                return bytes == 400 && reason == CloseReason.NORMAL ? 0 : 1;
            }
        }
    }

    /** Waits until the peer acknowledged {@code bytes} (polled: the demo shows, it does not race). */
    private static void awaitAcked(final RudpConnection c, final long bytes) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.stats().get(5, TimeUnit.SECONDS).bytesAcked() < bytes)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("no acknowledgement of " + bytes + " bytes within 10 s");
            }
            Thread.sleep(1);
        }
    }

    /** A loopback socket whose connections start at sequence number {@code isn}, traced into {@code log}. */
    private static RudpSocket tracedSocket(final RudpLoop loop, final int isn, final String name, final TraceLog log)
        throws java.io.IOException
    {
        final RudpSocket socket = loop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), fixedIsn(isn));
        socket.tracer(new Trace(name, log));
        return socket;
    }

    private static RudpConfig fixedIsn(final int isn)
    {
        return RudpConfig.builder().isnGenerator((nowNs, localPort, remote, remotePort) -> isn).build();
    }

    /** Reads the request to its end, echoes it, half-closes: a thread per connection, plain streams. */
    private static void echoInBackground(final RudpConnection connection)
    {
        final Thread t = new Thread(() ->
        {
            try (InputStream in = connection.inputStream(); OutputStream out = connection.outputStream())
            {
                final ByteArrayOutputStream request = new ByteArrayOutputStream();
                in.transferTo(request);
                out.write(request.toByteArray());
            }
            catch (final Exception e)
            {
                System.err.println("server: " + e);
            }
        }, "echo-" + connection.remotePort());
        t.setDaemon(true);
        t.start();
    }

    /** Reads everything, then closes: the seed's server. */
    private static void readInBackground(final RudpConnection connection, final CompletableFuture<Long> received)
    {
        final Thread t = new Thread(() ->
        {
            try (InputStream in = connection.inputStream(); OutputStream out = connection.outputStream())
            {
                received.complete(in.transferTo(OutputStream.nullOutputStream()));
            }
            catch (final Exception e)
            {
                received.completeExceptionally(e);
            }
        }, "reader-" + connection.remotePort());
        t.setDaemon(true);
        t.start();
    }
}
