package io.rudp.benchmarks.compare;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.IdleMode;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import org.HdrHistogram.Histogram;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One side of one comparison, run in its own JVM by {@link Compare}:
 * {@code Role <server|client> <udp|tcp|rudp|rudp-spin> <bulk|pingpong> <port> [seconds|count]}.
 * A server prints {@code READY} once listening and, for bulk, {@code RESULT bytes=N seconds=S}; a
 * ping-pong client prints {@code RESULT p50=… p99=… p999=…} in microseconds. Loopback only.
 */
public final class Role
{
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Same payload per datagram for every transport: rudp's data bytes per full segment. */
    static final int DATAGRAM_PAYLOAD = 1432;
    static final int PING_BYTES = 64;
    static final int WARMUP_PINGS = 20_000;

    private Role()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final boolean server = args[0].equals("server");
        final String transport = args[1];
        final String test = args[2];
        final int port = Integer.parseInt(args[3]);
        final long amount = args.length > 4 ? Long.parseLong(args[4]) : 0;
        final String key = test + "/" + transport.replace("-spin", "");
        switch (key)
        {
            case "bulk/udp" -> { if (server) udpBulkServer(port); else udpBulkClient(port, amount); }
            case "bulk/tcp" -> { if (server) tcpBulkServer(port); else tcpBulkClient(port, amount); }
            case "bulk/rudp" -> { if (server) rudpBulkServer(port); else rudpBulkClient(port, amount); }
            case "bulk/rudp-async" -> { if (server) rudpAsyncBulkServer(port); else rudpAsyncBulkClient(port, amount); }
            case "pingpong/udp" -> { if (server) udpEchoServer(port); else udpPingClient(port, amount); }
            case "pingpong/tcp" -> { if (server) tcpEchoServer(port); else tcpPingClient(port, amount); }
            case "pingpong/rudp" -> { if (server) rudpEchoServer(port, idle(transport)); else rudpPingClient(port, amount, idle(transport)); }
            default -> throw new IllegalArgumentException("unknown combination: " + String.join(" ", args));
        }
        System.out.flush();
        System.exit(0);
    }

    private static IdleMode idle(final String transport)
    {
        return transport.endsWith("-spin") ? IdleMode.BUSY_SPIN : IdleMode.BLOCKING;
    }

    private static void result(final String text)
    {
        System.out.println("RESULT " + text);
    }

    // ----------------------------------------------------------------- bulk

    /** Counts datagrams until an empty one (the end marker) or 1 s of silence. */
    private static void udpBulkServer(final int port) throws Exception
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, port)))
        {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(1000);
            System.out.println("READY");
            final byte[] buf = new byte[65536];
            final java.net.DatagramPacket packet = new java.net.DatagramPacket(buf, buf.length);
            long bytes = 0;
            long firstNs = 0;
            long lastNs = 0;
            while (true)
            {
                try
                {
                    packet.setData(buf);
                    socket.receive(packet);
                }
                catch (final java.net.SocketTimeoutException silence)
                {
                    if (firstNs != 0)
                    {
                        break;
                    }
                    continue;
                }
                if (packet.getLength() == 0)
                {
                    break;
                }
                lastNs = System.nanoTime();
                if (firstNs == 0)
                {
                    firstNs = lastNs;
                }
                bytes += packet.getLength();
            }
            result("bytes=" + bytes + " seconds=" + (lastNs - firstNs) / 1e9);
        }
    }

    /** Sends as fast as the socket takes datagrams for {@code seconds}; loss is the receiver's problem. */
    private static void udpBulkClient(final int port, final long seconds) throws Exception
    {
        try (DatagramChannel ch = DatagramChannel.open())
        {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.connect(new InetSocketAddress(LOOPBACK, port));
            final ByteBuffer buf = ByteBuffer.allocateDirect(DATAGRAM_PAYLOAD);
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < endNs)
            {
                for (int i = 0; i < 64; i++)
                {
                    buf.clear();
                    ch.write(buf);
                }
            }
            TimeUnit.MILLISECONDS.sleep(200); // let the receiver drain before the end markers
            for (int i = 0; i < 10; i++)
            {
                ch.write(ByteBuffer.allocate(0));
            }
        }
    }

    private static void tcpBulkServer(final int port) throws Exception
    {
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress(LOOPBACK, port));
            System.out.println("READY");
            try (SocketChannel ch = server.accept())
            {
                readToEnd(ch::read);
            }
        }
    }

    private static void tcpBulkClient(final int port, final long seconds) throws Exception
    {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(LOOPBACK, port)))
        {
            final ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < endNs)
            {
                buf.clear();
                while (buf.hasRemaining())
                {
                    ch.write(buf);
                }
            }
        }
    }

    private static void rudpBulkServer(final int port) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, port), RudpConfig.defaults());
            final CompletableFuture<RudpConnection> accepted = socket.listen(port).accept();
            System.out.println("READY");
            final RudpConnection c = accepted.get(30, TimeUnit.SECONDS);
            final InputStream in = c.inputStream();
            final byte[] chunk = new byte[64 * 1024];
            readToEnd(b -> in.read(chunk));
            c.close();
        }
    }

    private static void rudpBulkClient(final int port, final long seconds) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, 0), RudpConfig.defaults());
            final RudpConnection c = socket.connect(new InetSocketAddress(LOOPBACK, port)).get(10, TimeUnit.SECONDS);
            final byte[] chunk = new byte[64 * 1024];
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try (OutputStream out = c.outputStream())
            {
                while (System.nanoTime() < endNs)
                {
                    out.write(chunk);
                }
            }
            c.closeFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads on the loop thread from onReadable callbacks: no application thread at all. */
    private static void rudpAsyncBulkServer(final int port) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, port), RudpConfig.defaults());
            final CompletableFuture<String> done = new CompletableFuture<>();
            socket.listen(port, c -> c.listener(new RudpConnection.Listener()
            {
                final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                long bytes;
                long firstNs;
                long lastNs;

                @Override
                public void onReadable(final RudpConnection connection)
                {
                    try
                    {
                        int n;
                        while ((n = connection.read(buf.clear())) > 0)
                        {
                            lastNs = System.nanoTime();
                            firstNs = firstNs == 0 ? lastNs : firstNs;
                            bytes += n;
                        }
                        if (n < 0)
                        {
                            connection.close();
                            done.complete("bytes=" + bytes + " seconds=" + (lastNs - firstNs) / 1e9);
                        }
                    }
                    catch (final java.io.IOException e)
                    {
                        done.completeExceptionally(e);
                    }
                }
            }));
            System.out.println("READY");
            result(done.get(120, TimeUnit.SECONDS));
        }
    }

    /** Writes on the loop thread from onWritable callbacks, after a first write from this thread. */
    private static void rudpAsyncBulkClient(final int port, final long seconds) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, 0), RudpConfig.defaults());
            final RudpConnection c = socket.connect(new InetSocketAddress(LOOPBACK, port)).get(10, TimeUnit.SECONDS);
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            final RudpConnection.Listener writer = new RudpConnection.Listener()
            {
                final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

                @Override
                public void onWritable(final RudpConnection connection)
                {
                    try
                    {
                        while (System.nanoTime() < endNs)
                        {
                            if (!chunk.hasRemaining())
                            {
                                chunk.clear();
                            }
                            connection.write(chunk);
                            if (chunk.hasRemaining())
                            {
                                return; // the staging ring is full: onWritable comes again
                            }
                        }
                        connection.close();
                    }
                    catch (final java.io.IOException e)
                    {
                        connection.abort();
                    }
                }
            };
            c.listener(writer);
            writer.onWritable(c);
            c.closeFuture().get(seconds + 60, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface Reader
    {
        int read(ByteBuffer buffer) throws Exception;
    }

    /** Reads to end of stream, timing from the first byte to the last. */
    private static void readToEnd(final Reader reader) throws Exception
    {
        final ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        long bytes = 0;
        long firstNs = 0;
        long lastNs = 0;
        int n;
        while ((n = reader.read(buf.clear())) >= 0)
        {
            if (n > 0)
            {
                lastNs = System.nanoTime();
                if (firstNs == 0)
                {
                    firstNs = lastNs;
                }
                bytes += n;
            }
        }
        result("bytes=" + bytes + " seconds=" + (lastNs - firstNs) / 1e9);
    }

    // ----------------------------------------------------------------- ping-pong

    private static void udpEchoServer(final int port) throws Exception
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

    private static void udpPingClient(final int port, final long count) throws Exception
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

    private static void tcpEchoServer(final int port) throws Exception
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

    private static void tcpPingClient(final int port, final long count) throws Exception
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
    private static void rudpEchoServer(final int port, final IdleMode idle) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.builder().idleMode(idle).build()))
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
    private static void rudpPingClient(final int port, final long count, final IdleMode idle) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.builder().idleMode(idle).build()))
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
        result(String.format("p50=%.1f p99=%.1f p999=%.1f", h.getValueAtPercentile(50) / 10.0,
            h.getValueAtPercentile(99) / 10.0, h.getValueAtPercentile(99.9) / 10.0));
    }
}
