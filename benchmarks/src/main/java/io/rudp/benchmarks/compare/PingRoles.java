package io.rudp.benchmarks.compare;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.IdleMode;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.rudp.benchmarks.compare.Role.LOOPBACK;
import static io.rudp.benchmarks.compare.Role.PING_BYTES;
import static io.rudp.benchmarks.compare.Role.WARMUP_PINGS;

/** The ping-pong roles of {@link Role}: each transport's echo server, and its client measuring round trips. */
final class PingRoles
{
    private PingRoles()
    {
    }

    static void udpEchoServer(final int port) throws Exception
    {
        try (DatagramChannel ch = DatagramChannel.open())
        {
            ch.bind(new InetSocketAddress(LOOPBACK, port));
            System.out.println("READY");
            final ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            while (true)
            {
                buf.clear();
                final var from = ch.receive(buf);
                if (buf.position() == 0)
                {
                    return;
                }
                ch.send(buf.flip(), from);
            }
        }
    }

    static void udpPingClient(final int port, final long count) throws Exception
    {
        try (DatagramChannel ch = DatagramChannel.open())
        {
            ch.connect(new InetSocketAddress(LOOPBACK, port));
            final ByteBuffer buf = ByteBuffer.allocateDirect(PING_BYTES);
            final Histogram h = new Histogram(3);
            for (long i = 0; i < WARMUP_PINGS + count; i++)
            {
                final long t0 = System.nanoTime();
                ch.write(buf.clear());
                ch.read(buf.clear());
                if (i >= WARMUP_PINGS)
                {
                    h.recordValue((System.nanoTime() - t0) / 100); // tenths of a microsecond
                }
            }
            ch.write(ByteBuffer.allocate(0));
            latencies(h);
        }
    }

    static void tcpEchoServer(final int port) throws Exception
    {
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress(LOOPBACK, port));
            System.out.println("READY");
            try (SocketChannel ch = server.accept())
            {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final ByteBuffer buf = ByteBuffer.allocateDirect(PING_BYTES);
                while (true)
                {
                    buf.clear();
                    while (buf.hasRemaining())
                    {
                        if (ch.read(buf) < 0)
                        {
                            return;
                        }
                    }
                    buf.flip();
                    while (buf.hasRemaining())
                    {
                        ch.write(buf);
                    }
                }
            }
        }
    }

    static void tcpPingClient(final int port, final long count) throws Exception
    {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(LOOPBACK, port)))
        {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final ByteBuffer buf = ByteBuffer.allocateDirect(PING_BYTES);
            final Histogram h = new Histogram(3);
            for (long i = 0; i < WARMUP_PINGS + count; i++)
            {
                final long t0 = System.nanoTime();
                buf.clear();
                while (buf.hasRemaining())
                {
                    ch.write(buf);
                }
                buf.clear();
                while (buf.hasRemaining())
                {
                    ch.read(buf);
                }
                if (i >= WARMUP_PINGS)
                {
                    h.recordValue((System.nanoTime() - t0) / 100);
                }
            }
            latencies(h);
        }
    }

    private static RudpConfig noDelay()
    {
        return RudpConfig.builder().noDelay(true).build();
    }

    /** Echoes on the loop thread: no hand-off to another thread on the request path. */
    static void rudpEchoServer(final int port, final IdleMode idle) throws Exception
    {
        try (RudpLoop loop = Role.startLoop(LoopConfig.builder().idleMode(idle).build()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, port), noDelay());
            final CompletableFuture<Void> done = new CompletableFuture<>();
            socket.listen(port, c -> c.listener(new RudpConnection.Listener()
            {
                private final ByteBuffer buf = ByteBuffer.allocate(PING_BYTES * 16);

                @Override
                public void onReadable(final RudpConnection connection)
                {
                    try
                    {
                        int n;
                        while ((n = connection.read(buf.clear())) > 0)
                        {
                            connection.write(buf.flip());
                        }
                        if (n < 0)
                        {
                            done.complete(null);
                        }
                    }
                    catch (final Exception e)
                    {
                        done.completeExceptionally(e);
                    }
                }
            }));
            System.out.println("READY");
            done.get(10, TimeUnit.MINUTES);
        }
    }

    /** Pings from the loop thread's callbacks, timing each round trip there. */
    static void rudpPingClient(final int port, final long count, final IdleMode idle) throws Exception
    {
        try (RudpLoop loop = Role.startLoop(LoopConfig.builder().idleMode(idle).build()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, 0), noDelay());
            final RudpConnection c = socket.connect(new InetSocketAddress(LOOPBACK, port)).get(10, TimeUnit.SECONDS);
            final Histogram h = new Histogram(3);
            final CompletableFuture<Void> done = new CompletableFuture<>();
            final ByteBuffer ping = ByteBuffer.allocate(PING_BYTES);
            final ByteBuffer pong = ByteBuffer.allocate(PING_BYTES);
            final long[] state = new long[2]; // [0] pings sent, [1] send time
            c.listener(new RudpConnection.Listener()
            {
                @Override
                public void onReadable(final RudpConnection connection)
                {
                    try
                    {
                        while (connection.read(pong) > 0 && !pong.hasRemaining())
                        {
                            if (state[0] > WARMUP_PINGS)
                            {
                                h.recordValue((System.nanoTime() - state[1]) / 100);
                            }
                            pong.clear();
                            if (state[0] == WARMUP_PINGS + count)
                            {
                                done.complete(null);
                                return;
                            }
                            send(connection);
                        }
                    }
                    catch (final Exception e)
                    {
                        done.completeExceptionally(e);
                    }
                }

                private void send(final RudpConnection connection) throws Exception
                {
                    state[0]++;
                    state[1] = System.nanoTime();
                    connection.write(ping.clear());
                }
            });
            loop.execute(() ->
            {
                try
                {
                    state[0]++;
                    state[1] = System.nanoTime();
                    c.write(ping.clear());
                }
                catch (final Exception e)
                {
                    done.completeExceptionally(e);
                }
            });
            done.get(10, TimeUnit.MINUTES);
            c.close();
            latencies(h);
        }
    }

    private static void latencies(final Histogram h)
    {
        Role.result(String.format("p50=%.1f p99=%.1f p999=%.1f", h.getValueAtPercentile(50) / 10.0,
            h.getValueAtPercentile(99) / 10.0, h.getValueAtPercentile(99.9) / 10.0));
    }
}
