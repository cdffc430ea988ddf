package io.rudp.examples;

import io.rudp.nio.EchoListener;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.net.InetSocketAddress;
import java.util.Set;

/**
 * {@code echo-server --port P [--host H] [--trace]}: echoes every byte back on every connection,
 * non-blocking, on the loop thread ({@link EchoListener}).
 */
final class EchoServer
{
    private EchoServer()
    {
    }

    static int run(final String[] argv) throws Exception
    {
        final Args args = new Args(argv, Set.of("trace"), ConnectionOptions.with("port", "host"));
        final int port = args.requiredInt("port");
        final String host = args.get("host", null); // all interfaces unless --host names one
        final RudpLoop loop = RudpLoop.start(LoopConfig.defaults());
        final RudpSocket socket = loop.bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port),
            ConnectionOptions.config(args));
        ConnectionOptions.capture(args, socket);
        if (args.flag("trace"))
        {
            socket.tracer(new Trace("server", System.out, System.nanoTime()));
        }
        socket.listen(socket.localAddress().getPort(), EchoListener::attach);
        System.out.println("echo-server listening on " + socket.localAddress() + " (rudp port "
            + socket.localAddress().getPort() + "); Ctrl-C to stop");
        Runtime.getRuntime().addShutdownHook(new Thread(loop::close));
        return LoopDeath.await(loop);
    }
}
