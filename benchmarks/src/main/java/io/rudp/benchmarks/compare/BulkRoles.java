package io.rudp.benchmarks.compare;

import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.rudp.benchmarks.compare.Role.LOOPBACK;
import static io.rudp.benchmarks.compare.Role.DATAGRAM_PAYLOAD;

/** The bulk transfer roles of {@link Role}: each transport's server counts what arrives, its client sends for a time. */
final class BulkRoles
{
    /** As large as rudp's pure ACK: its 20-byte header and 20 bytes of options (as on its data segments). */
    static final int ACK_BYTES = 40;

    private BulkRoles()
    {
    }

    /**
     * Counts datagrams until an empty one (the end marker) or 1 s of silence.
     *
     * @param ackEverySecond whether to send a datagram of {@link #ACK_BYTES} back for every second one
     */
    static void udpBulkServer(final int port, final boolean ackEverySecond) throws Exception
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, port)))
        {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(1000);
            System.out.println("READY");
            final byte[] buf = new byte[65536];
            final java.net.DatagramPacket packet = new java.net.DatagramPacket(buf, buf.length);
            final java.net.DatagramPacket ack = new java.net.DatagramPacket(new byte[ACK_BYTES], ACK_BYTES);
            final MeasuredWindow window = MeasuredWindow.receiving();
            long datagrams = 0;
            while (true)
            {
                try
                {
                    packet.setData(buf);
                    socket.receive(packet);
                }
                catch (final java.net.SocketTimeoutException silence)
                {
                    if (window.receivedAny())
                    {
                        break;
                    }
                    continue;
                }
                if (packet.getLength() == 0)
                {
                    break;
                }
                window.received(packet.getLength());
                if (ackEverySecond && ++datagrams % 2 == 0)
                {
                    ack.setSocketAddress(packet.getSocketAddress());
                    socket.send(ack);
                }
            }
            Role.result(window.bulkResult());
        }
    }

    /**
     * Sends as fast as the socket takes datagrams for {@code seconds}; loss is the receiver's problem.
     *
     * @param readAcks whether to read a datagram back (if one is there) after every second one sent:
     *                 with {@link #udpBulkServer}'s acknowledgements, the system calls of a protocol
     *                 that acknowledges every second datagram (RFC 5681), without the protocol. On
     *                 loopback a send also delivers the datagram to its receiver, so an ACK costs about
     *                 what a data datagram costs: the floor under any such protocol over plain sockets.
     */
    static void udpBulkClient(final int port, final long seconds, final boolean readAcks) throws Exception
    {
        try (DatagramChannel ch = DatagramChannel.open())
        {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.connect(new InetSocketAddress(LOOPBACK, port));
            ch.configureBlocking(!readAcks); // reading an ACK must not wait for one
            final ByteBuffer buf = ByteBuffer.allocateDirect(DATAGRAM_PAYLOAD);
            final ByteBuffer ack = ByteBuffer.allocateDirect(ACK_BYTES);
            final MeasuredWindow window = MeasuredWindow.sendingFor(seconds);
            while (window.sending()) // the first step past the warm-up marks where the client's CPU time counts
            {
                for (int i = 0; i < 64; i++)
                {
                    buf.clear();
                    while (ch.write(buf) == 0)
                    {
                        Thread.onSpinWait(); // non-blocking, the socket buffer full: it drains in microseconds on loopback
                    }
                    if (readAcks && i % 2 == 1)
                    {
                        ch.read(ack.clear());
                    }
                }
            }
            ch.configureBlocking(true);
            TimeUnit.MILLISECONDS.sleep(200); // let the receiver drain before the end markers
            for (int i = 0; i < 10; i++)
            {
                ch.write(ByteBuffer.allocate(0));
            }
        }
    }

    static void tcpBulkServer(final int port) throws Exception
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

    static void tcpBulkClient(final int port, final long seconds) throws Exception
    {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(LOOPBACK, port)))
        {
            final ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            final MeasuredWindow window = MeasuredWindow.sendingFor(seconds);
            while (window.sending())
            {
                buf.clear();
                while (buf.hasRemaining())
                {
                    ch.write(buf);
                }
            }
        }
    }

    static void rudpBulkServer(final int port) throws Exception
    {
        try (RudpLoop loop = Role.startLoop(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, port), Role.bulkConfig());
            final CompletableFuture<RudpConnection> accepted = socket.listen(port).accept();
            System.out.println("READY");
            final RudpConnection c = accepted.get(30, TimeUnit.SECONDS);
            final InputStream in = c.inputStream();
            final byte[] chunk = new byte[64 * 1024];
            readToEnd(b -> in.read(chunk));
            c.close();
        }
    }

    static void rudpBulkClient(final int port, final long seconds) throws Exception
    {
        try (RudpLoop loop = Role.startLoop(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, 0), Role.bulkConfig());
            final RudpConnection c = socket.connect(new InetSocketAddress(LOOPBACK, port)).get(10, TimeUnit.SECONDS);
            final byte[] chunk = new byte[64 * 1024];
            final MeasuredWindow window = MeasuredWindow.sendingFor(seconds);
            try (OutputStream out = c.outputStream())
            {
                while (window.sending())
                {
                    out.write(chunk);
                }
            }
            c.closeFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads on the loop thread from onReadable callbacks: no application thread at all. */
    static void rudpAsyncBulkServer(final int port) throws Exception
    {
        try (RudpLoop loop = Role.startLoop(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, port), Role.bulkConfig());
            final CompletableFuture<String> done = new CompletableFuture<>();
            socket.listen(port, c -> c.listener(new RudpConnection.Listener()
            {
                final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                final MeasuredWindow window = MeasuredWindow.receiving();

                @Override
                public void onReadable(final RudpConnection connection)
                {
                    try
                    {
                        int n;
                        while ((n = connection.read(buf.clear())) > 0)
                        {
                            window.received(n);
                        }
                        if (n < 0)
                        {
                            connection.close();
                            done.complete(window.bulkResult());
                        }
                    }
                    catch (final java.io.IOException e)
                    {
                        done.completeExceptionally(e);
                    }
                }
            }));
            System.out.println("READY");
            Role.result(done.get(120, TimeUnit.SECONDS));
        }
    }

    /** Writes on the loop thread from onWritable callbacks, after a first write from this thread. */
    static void rudpAsyncBulkClient(final int port, final long seconds) throws Exception
    {
        try (RudpLoop loop = Role.startLoop(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bind(new InetSocketAddress(LOOPBACK, 0), Role.bulkConfig());
            final RudpConnection c = socket.connect(new InetSocketAddress(LOOPBACK, port)).get(10, TimeUnit.SECONDS);
            // First stepped from this thread (the first write below), then only from the loop's.
            final MeasuredWindow window = MeasuredWindow.sendingFor(seconds);
            final RudpConnection.Listener writer = new RudpConnection.Listener()
            {
                final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

                @Override
                public void onWritable(final RudpConnection connection)
                {
                    try
                    {
                        while (window.sending())
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

    /** Reads to end of stream, timing from the end of the warm-up to the last byte. */
    private static void readToEnd(final Reader reader) throws Exception
    {
        final ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        final MeasuredWindow window = MeasuredWindow.receiving();
        int n;
        while ((n = reader.read(buf.clear())) >= 0)
        {
            if (n > 0)
            {
                window.received(n);
            }
        }
        Role.result(window.bulkResult());
    }
}
