package io.rudp.benchmarks.compare;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connection scale, in its own JVM: open N connections to one server socket (handshakes per
 * second), hold them idle (heap per connection, loop CPU), then close them all.
 * {@code Scale <connections> [nio|epoll]} (the transport; NIO by default) prints {@code RESULT handshakesPerSecond=… heapBytesPerConnection=…
 * idleLoopCpuPercent=… closeSeconds=…}. Heap per connection counts both ends of each connection.
 */
public final class Scale
{
    private static final int WAVE = 500;

    private Scale()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int connections = Integer.parseInt(args[0]);
        final boolean epoll = args.length > 1 && args[1].equals("epoll");
        final java.util.function.Function<LoopConfig, RudpLoop> start =
            epoll ? io.rudp.epoll.EpollTransport::start : RudpLoop::start;
        final InetSocketAddress loopback = new InetSocketAddress(Role.LOOPBACK, 0);
        final long heapBefore = usedHeapAfterGc();
        try (RudpLoop serverLoop = start.apply(LoopConfig.builder().threadName("scale-server").build());
             RudpLoop clientLoop = start.apply(LoopConfig.builder().threadName("scale-client").build()))
        {
            final RudpSocket server = serverLoop.bind(loopback, RudpConfig.defaults());
            // The server closes its side when the client's FIN arrives, as a real server would.
            server.listen(server.localAddress().getPort(), c -> c.listener(new RudpConnection.Listener()
            {
                private final java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(64);

                @Override
                public void onReadable(final RudpConnection connection)
                {
                    try
                    {
                        if (connection.read(sink.clear()) < 0)
                        {
                            connection.close();
                        }
                    }
                    catch (final java.io.IOException e)
                    {
                        connection.abort();
                    }
                }
            }));
            final RudpSocket client = clientLoop.bind(loopback, RudpConfig.defaults());

            final long openStartNs = System.nanoTime();
            // In waves of 500: a burst of 10,000 SYNs measures the kernel's UDP buffers, not the handshake.
            final List<RudpConnection> open = new ArrayList<>(connections);
            for (int wave = 0; wave < connections; wave += WAVE)
            {
                final List<CompletableFuture<RudpConnection>> pending = new ArrayList<>(WAVE);
                for (int i = wave; i < Math.min(connections, wave + WAVE); i++)
                {
                    pending.add(client.connect(server.localAddress()));
                }
                for (final CompletableFuture<RudpConnection> f : pending)
                {
                    open.add(f.get(120, TimeUnit.SECONDS));
                }
            }
            final double openSeconds = (System.nanoTime() - openStartNs) / 1e9;

            final long heapPerConnection = (usedHeapAfterGc() - heapBefore) / connections;
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long serverThread = threadId("scale-server");
            final long cpuStart = threads.getThreadCpuTime(serverThread);
            final long idleStartNs = System.nanoTime();
            TimeUnit.SECONDS.sleep(3); // a measurement window, not a wait for a condition
            final double idleCpu = (threads.getThreadCpuTime(serverThread) - cpuStart) * 100.0
                / (System.nanoTime() - idleStartNs);

            final long closeStartNs = System.nanoTime();
            for (final RudpConnection c : open)
            {
                c.close();
            }
            for (final RudpConnection c : open)
            {
                c.closeFuture().get(120, TimeUnit.SECONDS);
            }
            final double closeSeconds = (System.nanoTime() - closeStartNs) / 1e9;
            System.out.printf("RESULT handshakesPerSecond=%.0f heapBytesPerConnection=%d idleLoopCpuPercent=%.3f"
                + " closeSeconds=%.3f%n", connections / openSeconds, heapPerConnection, idleCpu, closeSeconds);
        }
        System.exit(0);
    }

    private static long usedHeapAfterGc()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        final Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long threadId(final String name)
    {
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            if (t.getName().equals(name))
            {
                return t.getId();
            }
        }
        throw new IllegalStateException("no thread " + name);
    }
}
