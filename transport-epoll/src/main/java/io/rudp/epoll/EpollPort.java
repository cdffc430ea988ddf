package io.rudp.epoll;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import io.rudp.nio.DatagramPort;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.ToIntFunction;

/**
 * A rudp socket's datagrams over a Netty {@link EpollDatagramChannel}: received as the kernel
 * coalesced them (UDP GRO, a run from one sender per {@code recvmsg}, split by Netty), or where it
 * cannot, with {@code recvmmsg}, sixteen at a time; sent in
 * batches: consecutive datagrams of one size to one peer (the last may be shorter) go as one
 * {@link SegmentedDatagramPacket}, which the kernel cuts into datagrams (UDP GSO); the turn's
 * batches go out in one {@code sendmmsg} when the socket flushes. Loop thread only (the Netty
 * event loop's).
 */
final class EpollPort extends ChannelInboundHandlerAdapter implements DatagramPort
{
    /** Segments per GSO write at most (the kernel's UDP_MAX_SEGMENTS is 64 on older kernels). */
    private static final int MAX_GSO_SEGMENTS = 64;
    /** Bytes per GSO write at most: what one IP packet's length field leaves for UDP payload. */
    private static final int MAX_GSO_BYTES = 65_000;
    /** Datagrams read by Netty and not yet taken by a turn, at most. */
    private static final int MAX_WAITING_DATAGRAMS = 4096;
    /** GSO write failures after which the port sends one datagram per write. */
    private static final int MAX_GSO_FAILURES = 3;

    private final EpollBackend backend;
    private final ToIntFunction<InetSocketAddress> pathCeiling;
    /** Datagrams Netty read, waiting for the socket's turn (released once copied). */
    private final ArrayDeque<DatagramPacket> inbox = new ArrayDeque<>();
    /** Whether runs of equal datagrams go as one GSO write (the kernel and Netty can, and it has not failed). */
    private boolean gso;
    private int gsoFailures;
    /** The run being gathered for one GSO write, or null. */
    private ByteBuf run;
    private InetSocketAddress runTo;
    private int runSegmentBytes;
    private int runSegments;
    /** A shorter datagram ended the run: the next starts another. */
    private boolean runClosed;
    private EpollDatagramChannel channel;
    private Runnable onReadable = () -> { };
    private boolean portUnreachable;
    private long sendErrors;

    EpollPort(final EpollBackend backend, final ToIntFunction<InetSocketAddress> pathCeiling, final boolean gso)
    {
        this.backend = backend;
        this.pathCeiling = pathCeiling;
        this.gso = gso;
    }

    /** The channel, once bound. */
    void channel(final EpollDatagramChannel value)
    {
        channel = value;
    }

    /** What to run when datagrams wait, or sending may go on (at once if some already wait). */
    void onReadable(final Runnable value)
    {
        onReadable = value;
        if (!inbox.isEmpty())
        {
            value.run(); // read between the bind and the registration
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (inbox.size() >= MAX_WAITING_DATAGRAMS)
        {
            // A flood faster than the loop's turns: dropped, as the kernel drops what overflows a
            // socket's receive buffer, so memory stays bounded. rudp's peers retransmit.
            ((DatagramPacket)msg).release();
            return;
        }
        inbox.add((DatagramPacket)msg);
        onReadable.run();
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        backend.wakeup(); // a turn takes the batch
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isWritable())
        {
            onReadable.run();
            backend.wakeup();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof PortUnreachableException)
        {
            portUnreachable = true; // a connected port hears the ICMP error
        }
        else
        {
            // A send or receive failed: the datagram is lost as if on the wire; retransmission repairs it.
            sendErrors++;
            if (gso && ++gsoFailures >= MAX_GSO_FAILURES)
            {
                gso = false; // a kernel or device that refuses GSO writes: one datagram per write from now on
                EpollBackend.LOG.log(System.Logger.Level.WARNING,
                    "UDP GSO writes failed " + gsoFailures + " times on " + channel + "; sending without GSO: " + cause);
            }
            EpollBackend.LOG.log(System.Logger.Level.DEBUG, () -> "epoll datagram error: " + cause);
        }
        backend.wakeup();
    }

    @Override
    public InetSocketAddress localAddress()
    {
        return channel.localAddress();
    }

    @Override
    public ToIntFunction<InetSocketAddress> pathCeiling()
    {
        return pathCeiling;
    }

    @Override
    public InetSocketAddress receive(final ByteBuffer dst)
    {
        final DatagramPacket packet = inbox.poll();
        if (packet == null)
        {
            return null;
        }
        try
        {
            final ByteBuf content = packet.content();
            final int length = Math.min(content.readableBytes(), dst.remaining());
            content.getBytes(content.readerIndex(), dst.slice(dst.position(), length));
            dst.position(dst.position() + length);
            return packet.sender();
        }
        finally
        {
            packet.release();
        }
    }

    @Override
    public boolean send(final ByteBuffer datagram, final InetSocketAddress to)
    {
        if (!channel.isWritable())
        {
            return false; // Netty's outbound buffer is full: wait for channelWritabilityChanged
        }
        final int bytes = datagram.remaining();
        if (run != null)
        {
            if (!runClosed && bytes <= runSegmentBytes && runSegments < MAX_GSO_SEGMENTS
                && run.readableBytes() + bytes <= MAX_GSO_BYTES && to.equals(runTo))
            {
                run.writeBytes(datagram);
                runSegments++;
                runClosed = bytes < runSegmentBytes;
                return true;
            }
            writeRun();
        }
        // A run's buffer has room for the whole run at once: grown datagram by datagram, it would be copied on each growth.
        final ByteBuf buf = channel.alloc().directBuffer(gso ? Math.min(MAX_GSO_BYTES, bytes * MAX_GSO_SEGMENTS) : bytes);
        buf.writeBytes(datagram);
        if (gso)
        {
            run = buf;
            runTo = to;
            runSegmentBytes = bytes;
            runSegments = 1;
            runClosed = false;
        }
        else
        {
            channel.write(new DatagramPacket(buf, to), channel.voidPromise());
        }
        return true;
    }

    /** The gathered run goes to Netty's outbound buffer: one datagram as itself, more as one GSO write. */
    private void writeRun()
    {
        final Object packet = runSegments == 1 ? new DatagramPacket(run, runTo)
            : new SegmentedDatagramPacket(run, runSegmentBytes, runTo);
        run = null;
        channel.write(packet, channel.voidPromise());
    }

    @Override
    public void flushed(final boolean blocked)
    {
        if (run != null)
        {
            writeRun();
        }
        channel.flush();
    }

    @Override
    public boolean takePortUnreachable()
    {
        final boolean was = portUnreachable;
        portUnreachable = false;
        return was;
    }

    /** Netty does not say which datagram an EMSGSIZE refused: discovery learns the size by probing. */
    @Override
    public TooBig takeTooBig()
    {
        return null;
    }

    @Override
    public long sendErrors()
    {
        return sendErrors;
    }

    /** {@return whether the kernel hands this port runs of datagrams coalesced (UDP GRO), which Netty splits} */
    boolean readsCoalesced()
    {
        return channel.config().isUdpGro();
    }

    @Override
    public boolean isOpen()
    {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException
    {
        DatagramPacket packet;
        while ((packet = inbox.poll()) != null)
        {
            packet.release();
        }
        if (run != null)
        {
            run.release();
            run = null;
        }
        channel.close();
    }
}
