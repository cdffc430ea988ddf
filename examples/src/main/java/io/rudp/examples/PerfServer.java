package io.rudp.examples;

import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code perf-server}: the other end of {@code perf-client}: receives each stream and checks its
 * SHA-256, or with the client's {@code --reverse} sends one; serves any number of connections at once.
 */
@Command(name = "perf-server", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve perf-client streams: receive and check them, or send them (--reverse on the client).")
final class PerfServer implements Callable<Integer>
{
    @Option(names = "--port", required = true, converter = Cli.Port.class, description = "The UDP port = rudp port.")
    int port;

    @Option(names = "--host", description = "The address to bind (default: all interfaces).")
    String host;

    @Option(names = "--once", description = "Exit after the first stream (status 0 if its SHA-256 matched).")
    boolean once;

    @Mixin
    ConnectionOptions options;

    @Override
    public Integer call() throws Exception
    {
        final RudpLoop loop = options.startLoop();
        final RudpSocket socket = Cli.bind(loop, Cli.serverAddress(host, port), options.config());
        options.capture(socket);
        final CountDownLatch done = new CountDownLatch(1);
        loop.terminationFuture().whenComplete((v, e) -> done.countDown()); // a dead loop ends the wait
        final AtomicBoolean lastMatched = new AtomicBoolean();
        socket.listen(socket.localAddress().getPort(), c ->
        {
            final Thread t = new Thread(() ->
            {
                lastMatched.set(serve(c));
                if (once)
                {
                    done.countDown();
                }
            }, "perf-" + c.remotePort());
            t.setDaemon(true);
            t.start();
        });
        System.out.println("perf-server listening on " + socket.localAddress() + (once ? " for one stream" : "; Ctrl-C to stop"));
        done.await();
        if (loop.failure() != null)
        {
            System.err.println("perf-server: the rudp loop died: " + loop.failure());
            return 1;
        }
        loop.close();
        return lastMatched.get() ? 0 : 1;
    }

    private static boolean serve(final RudpConnection c)
    {
        try (DataInputStream in = new DataInputStream(c.inputStream());
             DataOutputStream out = new DataOutputStream(c.outputStream()))
        {
            final PerfProtocol.Request request = PerfProtocol.Request.read(in);
            final boolean reverse = request.direction() == PerfProtocol.REVERSE;
            final PerfProtocol.Result r = reverse
                ? PerfProtocol.send(out, in, request.bytes(), request.timeMillis(), c.remotePort(), new AtomicBoolean())
                : PerfProtocol.receive(in, out, request.bytes());
            System.out.printf("perf-server: %s %s %s in %.2f s (%.2f Mbit/s); SHA-256 %s: %s%n",
                reverse ? "sent" : "received", PerfStream.human(r.bytes()), (reverse ? "to " : "from ") + c.remoteAddress(),
                r.seconds(), r.bytes() * 8 / r.seconds() / 1e6, r.matched() ? "matches" : "MISMATCH",
                PerfStream.hex(r.digest()));
            return r.matched();
        }
        catch (final Exception e)
        {
            System.err.println("perf-server: " + c + ": " + e.getMessage());
            c.abort();
            return false;
        }
    }
}
