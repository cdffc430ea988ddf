package io.rudp.examples;

import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code echo-server}: echoes every byte back on every connection, non-blocking, on the loop thread. */
@Command(name = "echo-server", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Echo every byte back on every connection (non-blocking, on the loop thread).")
final class EchoServer implements Callable<Integer>
{
    @Option(names = "--port", required = true, converter = Cli.Port.class,
        description = "The UDP port, which is also the rudp port listened on.")
    int port;

    @Option(names = "--host", description = "The address to bind (default: all interfaces).")
    String host;

    @Option(names = "--trace", description = "Print every segment sent and received.")
    boolean trace;

    @Mixin
    ConnectionOptions options;

    @Override
    public Integer call() throws Exception
    {
        final RudpLoop loop = options.startLoop();
        final RudpSocket socket = Cli.bind(loop, Cli.serverAddress(host, port), options.config());
        options.capture(socket);
        if (trace)
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
