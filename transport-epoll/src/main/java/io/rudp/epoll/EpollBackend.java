package io.rudp.epoll;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDatagramChannelConfig;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.rudp.nio.DatagramPort;
import io.rudp.nio.InterfaceMtu;
import io.rudp.nio.LoopBackend;
import io.rudp.nio.LoopConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link LoopBackend} on one Netty epoll event loop: the loop's turns run as tasks on Netty's
 * thread, after each batch of reads, whenever another thread queues work, and at the loop's next
 * deadline; datagrams move through {@link EpollPort}s. Between turns the thread sleeps in
 * {@code epoll_wait}.
 */
final class EpollBackend implements LoopBackend
{
    static final System.Logger LOG = System.getLogger("io.rudp.epoll");
    /**
     * Room for one datagram of any size: in each of a {@code recvmmsg}'s slots, or for one GRO
     * super-datagram read with {@code recvmsg} (its UDP length field caps it too).
     */
    private static final int MAX_DATAGRAM_BYTES = 65_535;
    /** Datagrams one {@code recvmmsg} reads at most. */
    private static final int DATAGRAMS_PER_READ = 16;

    private final LoopConfig config;
    private final Turns turns;
    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop eventLoop;
    /** A turn is queued on the event loop (not yet started): further wakeups add nothing. */
    private final AtomicBoolean turnQueued = new AtomicBoolean();
    private final Runnable turnTask = this::runTurn;
    private final Runnable timerTask = this::onTimer;
    /** The event loop's one thread, kept so {@link #join()} can wait for it to exit, not only for its last task. */
    private volatile Thread loopThread;
    private ScheduledFuture<?> timer;
    private long timerDeadlineNs;
    private boolean finished;

    EpollBackend(final LoopConfig config, final Turns turns)
    {
        this.config = config;
        this.turns = turns;
        this.group = new MultiThreadIoEventLoopGroup(1, runnable ->
        {
            final Thread thread = new Thread(runnable, config.threadName());
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        }, EpollIoHandler.newFactory());
        this.eventLoop = group.next();
    }

    @Override
    public void start()
    {
        wakeup();
    }

    @Override
    public void join() throws InterruptedException
    {
        // Netty completes the termination future from inside the event loop's thread, just before the
        // thread returns: join the thread itself too, so close() returning means the thread is gone.
        if (group.terminationFuture().await(5, TimeUnit.SECONDS))
        {
            final Thread thread = loopThread;
            if (thread != null && thread != Thread.currentThread())
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
    }

    @Override
    public boolean inLoop()
    {
        return eventLoop.inEventLoop();
    }

    @Override
    public void wakeup()
    {
        if (turnQueued.compareAndSet(false, true))
        {
            try
            {
                eventLoop.execute(turnTask);
            }
            catch (final RejectedExecutionException e)
            {
                // the loop has stopped: nothing will take another turn
            }
        }
    }

    @Override
    public DatagramPort open(final InetSocketAddress local, final InetSocketAddress peer, final boolean dontFragment)
        throws IOException
    {
        if (inLoop())
        {
            throw new IllegalStateException("bind from the loop's own thread would wait for itself: bind from another");
        }
        final EpollPort port = new EpollPort(this, InterfaceMtu.of(local.getAddress()),
            EpollDatagramChannel.isSegmentedDatagramPacketSupported());
        final Bootstrap bootstrap = receiveCoalesced(new Bootstrap()).group(group).channel(EpollDatagramChannel.class)
            .option(ChannelOption.SO_RCVBUF, config.socketReceiveBufferBytes())
            .option(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes())
            .option(EpollChannelOption.SO_REUSEPORT, config.reusePort())
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.socketSendBufferBytes() / 2, config.socketSendBufferBytes()))
            .handler(port);
        final ChannelFuture bound = bootstrap.bind(local);
        try
        {
            await(bound, "bind " + local);
            final EpollDatagramChannel channel = (EpollDatagramChannel)bound.channel();
            port.channel(channel);
            fallBackWithoutGro(channel);
            if (peer != null)
            {
                await(channel.connect(peer), "connect to " + peer);
            }
            return port;
        }
        catch (final IOException | RuntimeException e)
        {
            bound.channel().close();
            throw e;
        }
    }

    /**
     * Asks for {@code UDP_GRO} where the kernel has it: the kernel then hands a run of datagrams from
     * one sender as one super-datagram (on loopback, a GSO write arrives whole), read with one
     * {@code recvmsg} and split by Netty into its datagrams (zero-copy slices, cut at the run's
     * segment size). The read must then be {@code recvmsg}, not {@code recvmmsg}: Netty's
     * {@code recvmmsg} path would hand rudp a whole run as one datagram, dropped as too large. So the
     * socket is bound reading with {@code recvmsg} (correct with or without GRO), and goes back to
     * sixteen datagrams per {@code recvmmsg} if GRO could not be turned on. With rudp's bulk
     * comparison on loopback, GRO moved 1.3 × the bytes of {@code recvmmsg} for 0.75 × the CPU per byte.
     */
    private static Bootstrap receiveCoalesced(final Bootstrap bootstrap)
    {
        bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 0) // 0: Netty reads with recvmsg
            .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES));
        // Only where the kernel has it: setting it elsewhere would fail (and be logged) for every socket.
        return EpollDatagramChannel.isSegmentedDatagramPacketSupported() ? bootstrap.option(EpollChannelOption.UDP_GRO, true) : bootstrap;
    }

    /**
     * GRO is off (the kernel has no UDP GSO/GRO, or refused it and Netty logged why): read sixteen
     * datagrams per {@code recvmmsg} instead.
     */
    private static void fallBackWithoutGro(final EpollDatagramChannel channel)
    {
        final EpollDatagramChannelConfig channelConfig = channel.config();
        if (!channelConfig.isUdpGro())
        {
            channelConfig.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES * DATAGRAMS_PER_READ));
            channelConfig.setMaxDatagramPayloadSize(MAX_DATAGRAM_BYTES);
        }
    }

    /** Waits for {@code future}; its failure comes back as the IOException it was (a BindException, say). */
    private static void await(final ChannelFuture future, final String what) throws IOException
    {
        try
        {
            future.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        }
        final Throwable cause = future.cause();
        if (cause instanceof IOException io)
        {
            throw io;
        }
        if (cause != null)
        {
            throw new IOException("could not " + what + ": " + cause, cause);
        }
    }

    @Override
    public void register(final DatagramPort port, final Runnable onReadable)
    {
        ((EpollPort)port).onReadable(onReadable);
    }

    /** A turn, then the next: at once if there is more to do, else at the loop's next deadline. */
    private void runTurn()
    {
        turnQueued.set(false);
        if (finished)
        {
            return;
        }
        try
        {
            if (turns.running())
            {
                final int work = turns.turn();
                if (turns.running())
                {
                    if (work > 0 || turns.queued())
                    {
                        wakeup();
                    }
                    else
                    {
                        armTimer(turns.nextDeadlineNs());
                    }
                    return;
                }
            }
        }
        catch (final Throwable t)
        {
            turns.died(t);
        }
        finish();
    }

    private void onTimer()
    {
        timer = null;
        runTurn();
    }

    /**
     * Wakes the loop by {@code deadlineNs} (none for {@link Long#MAX_VALUE}). A timer already set no
     * later stays: if it fires early, that turn arms the next one. Only an earlier deadline replaces
     * it, so a paced sender does not cancel and schedule a task on every turn.
     */
    private void armTimer(final long deadlineNs)
    {
        if (timer != null && (deadlineNs == Long.MAX_VALUE || deadlineNs - timerDeadlineNs >= 0))
        {
            return;
        }
        if (timer != null)
        {
            timer.cancel(false);
            timer = null;
        }
        if (deadlineNs != Long.MAX_VALUE)
        {
            timerDeadlineNs = deadlineNs;
            timer = eventLoop.schedule(timerTask, Math.max(0, deadlineNs - turns.nowNs()), TimeUnit.NANOSECONDS);
        }
    }

    /** The last turn ran: the loop closes its sockets, then the event loop stops. */
    private void finish()
    {
        finished = true;
        if (timer != null)
        {
            timer.cancel(false);
        }
        try
        {
            turns.stopped();
        }
        finally
        {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }
}
