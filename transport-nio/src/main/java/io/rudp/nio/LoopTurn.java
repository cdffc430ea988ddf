package io.rudp.nio;

import io.rudp.core.timer.Deadlines;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What one turn of a {@link RudpLoop} does, and the state the turns share: the queues other threads
 * fill (commands, and connections whose application side moved bytes), the sockets, the one receive
 * buffer, the JFR sampling schedule and the shutdown's grace. The loop's thread (or a test's, for
 * an embedded loop) runs turns; the loop decides how to wait between them.
 */
final class LoopTurn
{
    /** Commands run per loop turn at most (Aeron's agents drain with a limit too). */
    static final int MAX_COMMANDS_PER_TURN = 4096;
    private static final int MAX_DATAGRAM_BYTES = 65536;

    private final MpscUnboundedXaddArrayQueue<Runnable> commands = new MpscUnboundedXaddArrayQueue<>(256);
    private final MpscUnboundedXaddArrayQueue<RudpConnection> attention = new MpscUnboundedXaddArrayQueue<>(1024);
    private final List<RudpSocket> sockets = new ArrayList<>();
    private final ByteBuffer rxBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final LoopConfig config;
    private final LongSupplier clock;
    /** When the next JFR sample is due (see {@link LoopConfig#sampleInterval()}). */
    private long nextSampleNs;
    private boolean sampledOnce;
    private boolean shuttingDown;
    private long shutdownDeadlineNs;

    LoopTurn(final LoopConfig config, final LongSupplier clock)
    {
        this.config = config;
        this.clock = clock;
    }

    /** Any thread: {@code command} runs in a coming turn. */
    void offer(final Runnable command)
    {
        commands.offer(command);
    }

    /** Any thread: {@code connection}'s application side moved bytes or asked for something. */
    void attention(final RudpConnection connection)
    {
        attention.offer(connection);
    }

    /** {@return whether another thread queued something the next turn will do} */
    boolean queued()
    {
        return !commands.isEmpty() || !attention.isEmpty();
    }

    /** Loop thread: a socket joins the turns. */
    void add(final RudpSocket socket)
    {
        sockets.add(socket);
    }

    /**
     * Loop thread: one turn. Runs queued commands (a turn's worth at most: a flood of them, many
     * writers, must not starve the sockets; what is left runs next turn, which does not wait),
     * serves connections, receives what is waiting on sockets marked ready, runs due timers, then
     * hands out events and sends until neither produces more.
     *
     * @return the work done: 0 if there was nothing to do
     */
    int run() throws IOException
    {
        int work = 0;
        Runnable command;
        while (work < MAX_COMMANDS_PER_TURN && (command = commands.poll()) != null)
        {
            work++;
            try
            {
                command.run();
            }
            catch (final RuntimeException e)
            {
                RudpLoop.LOG.log(System.Logger.Level.WARNING, "rudp loop command failed", e);
            }
        }
        RudpConnection connection;
        while ((connection = attention.poll()) != null)
        {
            work++;
            connection.service();
        }
        for (int i = sockets.size() - 1; i >= 0; i--)
        {
            final RudpSocket socket = sockets.get(i);
            if (socket.isClosed())
            {
                sockets.remove(i);
                continue;
            }
            if (socket.takeReady())
            {
                work += socket.receive(rxBuffer);
            }
            socket.runTimers();
            // Events can produce output (and output can raise events), so alternate until both are done.
            int round;
            do
            {
                round = socket.dispatchEvents() + socket.flush();
                work += round;
            }
            while (round > 0);
        }
        return work;
    }

    /** Loop thread, while a recording wants them: connection samples and drop counts, every sample interval. */
    void sampleIfDue()
    {
        final long nowNs = clock.getAsLong();
        if (sampledOnce && nowNs - nextSampleNs < 0)
        {
            return;
        }
        sampledOnce = true;
        nextSampleNs = nowNs + config.sampleInterval().toNanos();
        for (int i = 0; i < sockets.size(); i++)
        {
            sockets.get(i).sample();
        }
    }

    /** Loop thread: every connection closes gracefully, within the configured grace from now. */
    void beginShutdown()
    {
        shuttingDown = true;
        shutdownDeadlineNs = clock.getAsLong() + config.shutdownGrace().toNanos();
        for (final RudpSocket socket : sockets)
        {
            socket.closeConnectionsGracefully();
        }
    }

    /** {@return whether a shutdown has begun and is over: every socket quiescent, or the grace spent} */
    boolean shutdownDone()
    {
        if (!shuttingDown)
        {
            return false;
        }
        boolean quiescent = true;
        for (int i = 0; i < sockets.size(); i++)
        {
            quiescent &= sockets.get(i).quiescent();
        }
        return quiescent || clock.getAsLong() - shutdownDeadlineNs >= 0;
    }

    /** The earliest of the sockets' timers and, when stopping, the grace's end; {@link Long#MAX_VALUE} if none. */
    long nextDeadlineNs()
    {
        long deadlineNs = shuttingDown ? shutdownDeadlineNs : Long.MAX_VALUE;
        for (int i = 0; i < sockets.size(); i++)
        {
            deadlineNs = Deadlines.earlier(deadlineNs, sockets.get(i).nextDeadlineNs());
        }
        return deadlineNs;
    }

    /** Loop thread, once the turns have stopped: closes every socket, aborting its connections. */
    void closeSockets()
    {
        for (final RudpSocket socket : sockets)
        {
            try
            {
                socket.closeNow();
            }
            catch (final Throwable t)
            {
                RudpLoop.LOG.log(System.Logger.Level.WARNING, "closing " + socket, t);
            }
        }
    }

    /**
     * Loop thread, after {@link #closeSockets}: the commands still queued run, so whoever waits on
     * them gets an answer (the sockets are closed by now: most answer with an exception).
     */
    void drainAfterStop()
    {
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            try
            {
                command.run();
            }
            catch (final Throwable t)
            {
                RudpLoop.LOG.log(System.Logger.Level.DEBUG, "command after the loop stopped", t);
            }
        }
    }
}
