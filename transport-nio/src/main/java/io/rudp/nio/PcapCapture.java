package io.rudp.nio;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.SegmentTracer;
import org.jctools.queues.SpscArrayQueue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A capture of one socket's rudp segments into a standard pcap file, as TCP/IP packets: each
 * segment (as parsed, encoded again) behind an IPv4 or IPv6 header whose addresses are the UDP
 * addresses and whose ports are the rudp ports, with the TCP checksum filled in. Wireshark and
 * tshark open it as plain TCP: no root, no capture interface, no dissector script, and their TCP
 * analysis (retransmissions, window scaling, stream graphs) works, one conversation per connection.
 *
 * <p>The loop thread only copies each segment into a record and hands it to a writer thread over
 * a bounded queue; when the queue is full, or the file reached its size cap, records are dropped
 * and counted ({@link #droppedRecords()}). Timestamps are the loop's clock, anchored to the wall
 * clock when the capture starts (nanosecond pcap). A socket bound to the wildcard address does not
 * know which local address a datagram left from: the capture shows the loopback address toward
 * loopback peers and the wildcard (0.0.0.0 or ::) toward others.
 *
 * <p>Start one with {@link RudpSocket#capture(Path, long)}; close it to flush and stop.
 */
public final class PcapCapture implements AutoCloseable
{
    /** pcap magic for nanosecond timestamps, written little-endian. */
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    /** LINKTYPE_RAW: each packet starts with its IPv4 or IPv6 header. */
    private static final int LINKTYPE_RAW = 101;
    private static final int QUEUE_RECORDS = 16_384;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int TCP_PROTOCOL = 6;

    /** The wildcard addresses a wildcard-bound socket's packets show as their local end. */
    private static final InetAddress ANY_IPV4 = wildcard(4);
    private static final InetAddress ANY_IPV6 = wildcard(16);

    private final Path file;
    private final long maxBytes;
    private final InetAddress local;
    private final long wallAtStartNs;
    private final long clockAtStartNs;
    private final SpscArrayQueue<byte[]> queue = new SpscArrayQueue<>(QUEUE_RECORDS);
    private final ByteBuffer scratch = ByteBuffer.allocate(65_536);
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    private volatile IOException failure;
    private long bytesQueued;

    PcapCapture(final Path file, final long maxBytes, final InetAddress local, final long clockNowNs) throws IOException
    {
        if (maxBytes < 1024)
        {
            throw new IllegalArgumentException("maxBytes must be at least 1024: " + maxBytes);
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.local = local;
        this.wallAtStartNs = System.currentTimeMillis() * 1_000_000L;
        this.clockAtStartNs = clockNowNs;
        final OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_NANOS).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(65_535)
            .putInt(LINKTYPE_RAW);
        out.write(header.array());
        bytesQueued = 24;
        this.writer = new Thread(() -> drain(out), "rudp-pcap");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** {@return the file being written} */
    public Path file()
    {
        return file;
    }

    boolean isClosed()
    {
        return closed;
    }

    /** {@return packets written so far} */
    public long writtenRecords()
    {
        return written.get();
    }

    /** {@return packets not written: the writer fell behind, or the file reached its size cap} */
    public long droppedRecords()
    {
        return dropped.get();
    }

    /** A tracer that records every segment seen (loop thread only). */
    SegmentTracer tracer()
    {
        return new SegmentTracer()
        {
            @Override
            public void onReceived(final long nowNs, final InetSocketAddress from, final Segment segment,
                final Connection connection)
            {
                record(nowNs, from, segment, false);
            }

            @Override
            public void onSent(final long nowNs, final InetSocketAddress to, final Segment segment,
                final Connection connection)
            {
                record(nowNs, to, segment, true);
            }
        };
    }

    private void record(final long nowNs, final InetSocketAddress peer, final Segment segment, final boolean sent)
    {
        if (closed)
        {
            return;
        }
        final InetAddress remote = peer.getAddress();
        final boolean v4 = remote instanceof Inet4Address;
        final InetAddress self = localToward(remote);
        final ByteBuffer tcp = scratch.clear();
        final int headerBytes = SegmentCodec.encodeHeader(segment, tcp, 0);
        final int payload = segment.payloadLength();
        if (payload > 0)
        {
            tcp.put(headerBytes, segment.payloadBuffer(), segment.payloadOffset(), payload);
        }
        final int tcpBytes = headerBytes + payload;
        final int ipBytes = (v4 ? IPV4_HEADER : IPV6_HEADER) + tcpBytes;
        final long recordBytes = 16L + ipBytes;
        if (bytesQueued + recordBytes > maxBytes)
        {
            dropped.incrementAndGet();
            return;
        }
        final byte[] record = new byte[(int)recordBytes];
        final ByteBuffer r = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        final long wallNs = wallAtStartNs + (nowNs - clockAtStartNs);
        r.putInt((int)(wallNs / 1_000_000_000L)).putInt((int)(wallNs % 1_000_000_000L)).putInt(ipBytes).putInt(ipBytes);
        r.order(ByteOrder.BIG_ENDIAN);
        final byte[] src = (sent ? self : remote).getAddress();
        final byte[] dst = (sent ? remote : self).getAddress();
        final int tcpAt = 16 + (v4 ? IPV4_HEADER : IPV6_HEADER);
        if (v4)
        {
            r.put((byte)0x45).put((byte)0).putShort((short)ipBytes).putShort((short)0).putShort((short)0x4000)
                .put((byte)64).put((byte)TCP_PROTOCOL).putShort((short)0).put(src).put(dst);
            r.putShort(16 + 10, (short)fold(sumOf(record, 16, IPV4_HEADER)));
        }
        else
        {
            r.putInt(0x6000_0000).putShort((short)tcpBytes).put((byte)TCP_PROTOCOL).put((byte)64).put(src).put(dst);
        }
        tcp.get(0, record, tcpAt, tcpBytes);
        // The TCP checksum over the pseudo-header (addresses, protocol, length) and the segment.
        long sum = sumOf(src, 0, src.length) + sumOf(dst, 0, dst.length) + TCP_PROTOCOL + tcpBytes;
        r.putShort(tcpAt + 16, (short)0);
        sum += sumOf(record, tcpAt, tcpBytes);
        r.putShort(tcpAt + 16, (short)fold(sum));
        if (!queue.offer(record))
        {
            dropped.incrementAndGet();
            return;
        }
        bytesQueued += recordBytes;
    }

    private static InetAddress wildcard(final int bytes)
    {
        try
        {
            return InetAddress.getByAddress(new byte[bytes]);
        }
        catch (final java.net.UnknownHostException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** The address this socket has toward {@code remote}, as well as it is known. */
    private InetAddress localToward(final InetAddress remote)
    {
        final boolean v4 = remote instanceof Inet4Address;
        if (!local.isAnyLocalAddress() && (local instanceof Inet4Address) == v4)
        {
            return local;
        }
        if (remote.isLoopbackAddress())
        {
            return remote;
        }
        return v4 ? ANY_IPV4 : ANY_IPV6;
    }

    private static long sumOf(final byte[] bytes, final int offset, final int length)
    {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2)
        {
            sum += ((bytes[offset + i] & 0xFF) << 8) | (bytes[offset + i + 1] & 0xFF);
        }
        if (i < length)
        {
            sum += (bytes[offset + i] & 0xFF) << 8;
        }
        return sum;
    }

    private static int fold(final long sum)
    {
        long s = sum;
        while ((s >>> 16) != 0)
        {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int)(~s & 0xFFFF);
    }

    private void drain(final OutputStream out)
    {
        try (out)
        {
            while (true)
            {
                final byte[] record = queue.poll();
                if (record != null)
                {
                    out.write(record);
                    written.incrementAndGet();
                    continue;
                }
                if (closed)
                {
                    break;
                }
                out.flush();
                LockSupport.parkNanos(1_000_000L);
            }
        }
        catch (final IOException e)
        {
            failure = e;
            closed = true;
        }
    }

    /**
     * Stops capturing and writes what is queued (waits up to 5 s for the writer).
     *
     * @throws UncheckedIOException if writing the file failed
     */
    @Override
    public void close()
    {
        closed = true;
        try
        {
            writer.join(5_000);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        if (failure != null)
        {
            throw new UncheckedIOException("writing " + file + " failed", failure);
        }
    }
}
