package io.rudp.examples;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
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
import java.util.concurrent.TimeUnit;

/**
 * An echo server and client in one process over real UDP on loopback, printing each segment.
 * ISNs are fixed at 1000 (client) and 2000 (server) so the numbers read like the textbook.
 */
final class LoopbackDemo
{
    private LoopbackDemo()
    {
    }

    static int run(final String[] args) throws Exception
    {
        final String message = args.length > 0 ? String.join(" ", args) : "hello, rudp";
        final long startNs = System.nanoTime();
        final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket server = loop.bind(loopback, fixedIsn(2000));
            final RudpSocket client = loop.bind(loopback, fixedIsn(1000));
            server.tracer(new Trace("server", System.out, startNs));
            client.tracer(new Trace("client", System.out, startNs));
            final int port = server.localAddress().getPort();
            System.out.println("rudp demo: echo server on " + server.localAddress() + " (rudp port " + port
                + "), client on " + client.localAddress());
            server.listen(port, LoopbackDemo::echoInBackground);

            final RudpConnection c = client.connect(server.localAddress()).get(5, TimeUnit.SECONDS);
            System.out.printf("%9.3f ms  client: connected; sending \"%s\" and half-closing%n",
                (System.nanoTime() - startNs) / 1e6, message);
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
            System.out.printf("%9.3f ms  client: echo \"%s\" %s; connection ended: %s%n",
                (System.nanoTime() - startNs) / 1e6, echoed, echoed.equals(message) ? "matches" : "DOES NOT MATCH",
                reason == CloseReason.NORMAL ? "closed gracefully" : reason.description());
            return echoed.equals(message) ? 0 : 1;
        }
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
}
