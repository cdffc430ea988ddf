package io.rudp.nio;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * How a {@link RudpLoop} runs: the thread its turns run on, how that thread waits for datagrams,
 * commands and timers, and how its sockets' datagrams move. The default is NIO's {@code Selector}
 * over {@code DatagramChannel}s, portable and without native code; a transport module (such as
 * rudp's epoll transport) supplies another through {@link RudpLoop#start(LoopConfig, Factory)}.
 *
 * <p>This is the interface a transport implements, not one an application calls. Everything the
 * loop does in a turn (commands, connections, receiving, timers, events, sending) stays the
 * loop's; a backend only decides when turns run and carries datagrams.
 */
public interface LoopBackend
{
    /** Makes a backend for one loop. */
    @FunctionalInterface
    interface Factory
    {
        /**
         * {@return a backend for a loop with {@code config}, not yet started}
         *
         * @param config the loop's settings
         * @param turns what the backend runs
         * @throws IOException if the backend's resources (a selector, an event loop) cannot be opened
         */
        LoopBackend create(LoopConfig config, Turns turns) throws IOException;
    }

    /** The loop, as its backend drives it. Every method but {@link #queued} is for the loop's thread. */
    interface Turns
    {
        /**
         * Runs one turn. Exceptions from one bad connection or command are handled inside (logged
         * and counted); what escapes is fatal, for {@link #died}.
         *
         * @return the work done, 0 if there was nothing to do
         */
        int turn();

        /** {@return when the next timer is due, {@link Long#MAX_VALUE} if none} */
        long nextDeadlineNs();

        /** {@return the loop's clock, in nanoseconds (the one its deadlines are on)} */
        long nowNs();

        /** {@return false once the loop has stopped taking turns (closed, or its shutdown done)} */
        boolean running();

        /** {@return whether other threads queued work for the next turn (any thread)} */
        boolean queued();

        /**
         * The loop's thread met an Error or a broken backend: the loop must stop.
         *
         * @param cause what killed it
         */
        void died(Throwable cause);

        /** After the last turn: the loop closes its sockets and answers what is still queued. */
        void stopped();
    }

    /** Starts running turns, on a thread of the backend's, until {@link Turns#running()} is false; then {@link Turns#stopped()}. */
    void start();

    /**
     * Any thread but the loop's, after the last turn: waits, a few seconds at most, for the
     * backend's thread to have exited, so no loop thread outlives {@link RudpLoop#close()}.
     *
     * @throws InterruptedException if the wait was interrupted
     */
    void join() throws InterruptedException;

    /** {@return whether the caller runs on the thread the turns run on} */
    boolean inLoop();

    /** Any thread: a turn is to run soon (work was queued). Cheap when the loop is awake anyway. */
    void wakeup();

    /**
     * Opens a UDP port bound to {@code local}, with the loop's socket buffer sizes.
     *
     * @param local the address to bind (port 0 picks a free one)
     * @param peer the one address the port talks to (then ICMP errors are reported), or null
     * @param dontFragment whether datagrams go with DF set (path MTU discovery)
     * @return the port, not yet registered
     * @throws IOException if it cannot be bound
     */
    DatagramPort open(InetSocketAddress local, InetSocketAddress peer, boolean dontFragment) throws IOException;

    /**
     * Loop thread: {@code port} joins the loop; {@code onReadable} runs on the loop's thread when
     * datagrams wait on it or it can send again after refusing to.
     *
     * @param port a port this backend opened
     * @param onReadable what to run then
     * @throws IOException if the port can no longer be registered (closed)
     */
    void register(DatagramPort port, Runnable onReadable) throws IOException;
}
