package io.rudp.benchmarks.compare;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import static io.rudp.benchmarks.compare.Role.DATAGRAM_PAYLOAD;
import static io.rudp.benchmarks.compare.Role.LOOPBACK;

/**
 * Raw UDP with the system calls of a protocol that acknowledges every second datagram, and no
 * protocol at all: the receiver sends a {@value #ACK_BYTES}-byte datagram back for every second one
 * it receives, the sender reads one back for every second one it sends. It measures the floor that
 * RFC 5681's "at least one ACK per two full-sized segments" puts under any such protocol over
 * plain sockets, where each datagram costs a system call: on loopback a send also delivers the
 * datagram to its receiver, so an ACK costs about as much as a data datagram.
 */
final class AckedUdpBulk
{
    /** As large as rudp's pure ACK: its 20-byte header and 20 bytes of options (as on its data segments). */
    static final int ACK_BYTES = 40;

    private AckedUdpBulk()
    {
    }

    /** Counts datagrams until an empty one (the end marker) or 1 s of silence; answers every second one. */
    static void server(final int port) throws Exception
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, port)))
        {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(1000);
            System.out.println("READY");
            final byte[] buf = new byte[65536];
            final java.net.DatagramPacket packet = new java.net.DatagramPacket(buf, buf.length);
            final java.net.DatagramPacket ack = new java.net.DatagramPacket(new byte[ACK_BYTES], ACK_BYTES);
            final MeasuredWindow window = new MeasuredWindow(Role.warmupNs());
            long bytes = 0;
            long datagrams = 0;
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
                    if (lastNs != 0)
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
                if (window.counts(lastNs))
                {
                    bytes += packet.getLength();
                }
                if (++datagrams % 2 == 0)
                {
                    ack.setSocketAddress(packet.getSocketAddress());
                    socket.send(ack);
                }
            }
            Role.result("bytes=" + bytes + " seconds=" + (lastNs - window.startNs()) / 1e9);
        }
    }

    /** Sends as fast as the socket takes datagrams for {@code seconds}, reading an ACK (if one is there) after every second. */
    static void client(final int port, final long seconds) throws Exception
    {
        try (DatagramChannel ch = DatagramChannel.open())
        {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.connect(new InetSocketAddress(LOOPBACK, port));
            ch.configureBlocking(false);
            final ByteBuffer buf = ByteBuffer.allocateDirect(DATAGRAM_PAYLOAD);
            final ByteBuffer ack = ByteBuffer.allocateDirect(ACK_BYTES);
            final MeasuredWindow window = new MeasuredWindow(Role.warmupNs());
            final long endNs = System.nanoTime() + Role.warmupNs() + TimeUnit.SECONDS.toNanos(seconds);
            long nowNs;
            while ((nowNs = System.nanoTime()) < endNs)
            {
                window.counts(nowNs);
                for (int i = 0; i < 64; i++)
                {
                    buf.clear();
                    while (ch.write(buf) == 0)
                    {
                        Thread.onSpinWait(); // the socket buffer is full: it drains in microseconds on loopback
                    }
                    if (i % 2 == 1)
                    {
                        ch.read(ack.clear());
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(200); // let the receiver drain before the end markers
            for (int i = 0; i < 10; i++)
            {
                ch.write(ByteBuffer.allocate(0));
            }
        }
    }
}
