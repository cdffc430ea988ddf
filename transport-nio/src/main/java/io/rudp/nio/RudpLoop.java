package io.rudp.nio;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.config.RudpConfig;

import io.rudp.nio.jfr.FlightRecorderHooks;
import io.rudp.nio.jfr.LoopStallEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * One thread, any number of UDP sockets: the event loop that drives rudp. By default the thread is
 * the loop's own, waiting on a {@link Selector}; another transport runs the same loop on its own
 * event loop ({@link #start(LoopConfig, LoopBackend.Factory)}).
 *
 * <p>Each turn: run queued commands, serve connections whose application side moved bytes,
 * receive every waiting datagram into one reused direct buffer, run due timers, hand out events,
 * send what the engines produced, then wait until the next datagram, command or timer. Other
 * threads reach the loop only through a lock-free queue and a wakeup.
 * An exception in one turn is logged and the loop goes on, so one bad connection cannot stop the
 * rest; an {@link Error} stops the loop cleanly (see {@link #terminationFuture()}).
 *
 * <pre>{@code
 * try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults())) {
 *     RudpSocket server = loop.bind(new InetSocketAddress("127.0.0.1", 9000), RudpConfig.defaults());
 *     RudpConnection connection = server.listen(9000).accept().get();
 *     byte[] request = connection.inputStream().readAllBytes();
 *     ...
 * }
 * }</pre>
 */
public final class RudpLoop implements AutoCloseable
{
    static final System.Logger LOG = System.getLogger("io.rudp.nio");

    private final LoopConfig config;
    /** The thread the turns run on, how it waits, how datagrams move: NIO's by default. */
    private final LoopBackend backend;
    /** What each turn does, and the queues and sockets the turns share. */
    private final LoopTurn turn;
    private final LoopSecrets secrets = new LoopSecrets();
    /** Every byte the loop's connections buffer for their peers, shared by all its sockets. */
    private final MemoryBudget memoryBudget;
    /** The loop's only clock, read afresh for every datagram received or sent ({@code System::nanoTime}). */
    private final LongSupplier clock;
    private final LoopTermination termination = new LoopTermination(this::abortOnExit);
    /** The loop as its backend drives it. */
    private final Turns turns = new Turns();
    private volatile boolean running = true;
    private long turnErrors;

    /** @param backend null for an embedded loop, turned by the thread that makes it */
    private RudpLoop(final LoopConfig config, final LongSupplier clock, final LoopBackend.Factory backend)
        throws IOException
    {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.turn = new LoopTurn(config, clock);
        this.memoryBudget = new MemoryBudget(config.memoryBudgetBytes());
        this.backend = backend == null ? new EmbeddedBackend() : backend.create(config, turns);
    }

    /**
     * Opens a selector and starts the loop's thread.
     *
     * @param config the loop's settings ({@link LoopConfig#defaults()} for the defaults)
     * @return the running loop; close it to stop it
     */
    public static RudpLoop start(final LoopConfig config)
    {
        return start(config, NioBackend.FACTORY, System::nanoTime);
    }

    /**
     * Starts a loop on another transport's backend (such as rudp's epoll transport, which says how
     * to get one); the API is the same whatever the backend.
     *
     * @param config the loop's settings
     * @param backend makes the loop's backend
     * @return the running loop; close it to stop it
     * @throws UncheckedIOException if the backend cannot be opened
     */
    public static RudpLoop start(final LoopConfig config, final LoopBackend.Factory backend)
    {
        return start(config, Objects.requireNonNull(backend, "backend"), System::nanoTime);
    }

    /**
     * A loop on a clock of the caller's (tests: a clock from any origin, one about to wrap). The
     * clock must be monotonic and in nanoseconds; its origin is arbitrary.
     */
    static RudpLoop start(final LoopConfig config, final LongSupplier nanoClock)
    {
        return start(config, NioBackend.FACTORY, nanoClock);
    }

    private static RudpLoop start(final LoopConfig config, final LoopBackend.Factory backend,
        final LongSupplier nanoClock)
    {
        try
        {
            final RudpLoop loop = new RudpLoop(config, nanoClock, backend);
            loop.backend.start();
            if (config.abortOnExit())
            {
                loop.termination.installExitHook();
            }
            return loop;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("could not open the loop's backend: " + e.getMessage(), e);
        }
    }

    /**
     * A loop without a thread of its own, turned by the thread that creates it ({@link #runTurn}),
     * on a clock of the caller's: the tests that step the loop's hand-offs one turn at a time in
     * virtual time, over {@link DatagramPort}s of their own ({@link #attach}). That thread counts as
     * the loop thread; it must never block waiting for the loop. {@link #closeEmbedded} ends it.
     */
    static RudpLoop embedded(final LoopConfig config, final LongSupplier nanoClock)
    {
        try
        {
            return new RudpLoop(config, nanoClock, null);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** One turn of the loop, on its thread; {@return the work done, 0 if idle} */
    int runTurn() throws IOException
    {
        if (!backend.inLoop())
        {
            throw new IllegalStateException("runTurn from " + Thread.currentThread() + ", not the loop's thread");
        }
        final int work = turn.run();
        if (turn.shutdownDone())
        {
            running = false;
        }
        return work;
    }

    /** Embedded: stops now, as a loop whose thread ends does (connections aborted, sockets closed). */
    void closeEmbedded()
    {
        if (running)
        {
            running = false;
            turns.stopped();
        }
    }

    /**
     * Binds a UDP socket at {@code local} (port 0 picks a free one) and puts an rudp endpoint on it.
     * A secret the configuration lacks (ISN, SYN cookie) is drawn from {@link SecureRandom}.
     *
     * <p>For a client, bind the wildcard ({@code new InetSocketAddress(0)}): the kernel then picks
     * the source address for each peer, on any interface, IPv4 or IPv6. Binding 127.0.0.1 can reach
     * only this host.
     *
     * @param local the UDP address to bind
     * @param rudpConfig the engine's settings for the socket's connections
     * @return the socket, open and registered with this loop
     * @throws IOException if the address cannot be bound
     */
    public RudpSocket bind(final InetSocketAddress local, final RudpConfig rudpConfig) throws IOException
    {
        return bind(local, rudpConfig, null);
    }

    /**
     * Binds a socket of its own for one peer: an ephemeral port on the wildcard address, the UDP
     * socket connected to {@code peer}. The kernel then reports ICMP errors for it, so a
     * {@link RudpSocket#connect connect} to a UDP port where nothing is bound fails at once with
     * {@link io.rudp.core.connection.CloseReason#REFUSED} instead of timing out. The limit: this
     * socket talks to {@code peer} alone (it receives nothing from anyone else). An established
     * connection takes such an error as a hint only (anyone can forge one, RFC 5927): it ends at its
     * next timeout if the peer stays silent, as {@code PEER_PORT_UNREACHABLE}. Close the socket when done.
     *
     * @param peer the one UDP address the socket talks to
     * @param rudpConfig the engine's settings for the socket's connections
     * @return the socket, open and registered with this loop
     * @throws IOException if no socket can be bound or connected
     */
    public RudpSocket bindConnected(final InetSocketAddress peer, final RudpConfig rudpConfig) throws IOException
    {
        Objects.requireNonNull(peer, "peer");
        if (peer.isUnresolved())
        {
            throw new IllegalArgumentException("unresolved address: " + peer);
        }
        return bind(new InetSocketAddress(0), rudpConfig, peer);
    }

    private RudpSocket bind(final InetSocketAddress local, final RudpConfig rudpConfig, final InetSocketAddress peer)
        throws IOException
    {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(rudpConfig, "rudpConfig");
        final RudpConfig effective = secrets.complete(rudpConfig);
        final DatagramPort port = backend.open(local, peer, effective.pathMtuDiscovery());
        try
        {
            return attach(port, effective);
        }
        catch (final IOException | RuntimeException e)
        {
            port.close();
            throw e;
        }
    }

    /**
     * Puts an rudp endpoint on {@code port} and adds it to the loop's sockets, registered with the
     * backend (an embedded loop's ports call {@link RudpSocket#markReady} themselves).
     */
    RudpSocket attach(final DatagramPort port, final RudpConfig rudpConfig) throws IOException
    {
        final RudpSocket socket =
            new RudpSocket(this, port, secrets.complete(rudpConfig), config.stagingBufferBytes(), memoryBudget);
        if (config.jmx())
        {
            socket.registerTable();
        }
        call(() ->
        {
            backend.register(port, socket::markReady);
            turn.add(socket);
            return null;
        });
        return socket;
    }

    /**
     * Runs {@code command} on the loop thread, after what is already queued.
     *
     * @param command what to run
     */
    public void execute(final Runnable command)
    {
        Objects.requireNonNull(command, "command");
        if (!running)
        {
            final Throwable cause = termination.failure();
            throw cause == null ? new IllegalStateException("the loop is closed")
                : new IllegalStateException("the loop died: " + cause, cause);
        }
        turn.offer(command);
        backend.wakeup();
    }

    /**
     * Runs {@code task} on the loop thread and completes the future with its result. Called on the
     * loop thread itself (from a listener callback), the task runs at once and the future is
     * complete on return, so a callback that waits for it cannot deadlock the loop.
     *
     * @param <T> the task's result type
     * @param task what to run
     * @return its result, or its exception
     */
    public <T> CompletableFuture<T> submit(final Callable<T> task)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Runnable run = () ->
        {
            try
            {
                result.complete(task.call());
            }
            catch (final Exception e)
            {
                result.completeExceptionally(e);
            }
        };
        if (backend.inLoop())
        {
            run.run();
        }
        else
        {
            execute(run);
        }
        return result;
    }

    /** Runs {@code task} on the loop thread and waits for it (runs it directly if already there). */
    <T> T call(final Callable<T> task)
    {
        if (backend.inLoop())
        {
            try
            {
                return task.call();
            }
            catch (final RuntimeException e)
            {
                throw e;
            }
            catch (final Exception e)
            {
                throw new CompletionException(e);
            }
        }
        return LoopAnswer.await(submit(task));
    }

    /** Whether the loop still takes commands (not closed, not dead). */
    boolean isRunning()
    {
        return running;
    }

    /** {@return whether the caller runs on the loop's own thread} */
    public boolean inLoop()
    {
        return backend.inLoop();
    }

    void attention(final RudpConnection connection)
    {
        turn.attention(connection);
        backend.wakeup();
    }

    /**
     * Closes every connection gracefully (aborting those still open after the configured grace),
     * closes every socket, and stops the thread. Returns when the loop has stopped.
     */
    @Override
    public void close()
    {
        if (!running)
        {
            awaitTermination();
            return;
        }
        execute(turn::beginShutdown);
        if (!backend.inLoop())
        {
            awaitTermination();
        }
    }

    /** Waits for the loop to stop (see {@link LoopTermination#await}), unless called on the loop's thread. */
    private void awaitTermination()
    {
        if (!backend.inLoop())
        {
            termination.await(backend); // on the loop's thread, a callback during the shutdown: it finishes around us
        }
    }

    /**
     * The JVM is exiting: stop the loop at once, without close()'s grace, so its shutdown aborts every
     * connection (each peer gets a RST) and closes the sockets; wait a second for that at most.
     */
    private void abortOnExit()
    {
        try
        {
            execute(() -> running = false);
            termination.awaitBriefly(1);
        }
        catch (final IllegalStateException e)
        {
            // already stopped: nothing to abort
        }
    }

    /**
     * Completes when the loop's thread has stopped: normally after {@link #close()}, exceptionally
     * with the {@link Error} that killed it (an {@code OutOfMemoryError}, say). By then every
     * connection was aborted (peers got a RST, close futures completed with
     * {@link io.rudp.core.connection.CloseReason#ABORTED}), every pending connect failed, and every
     * socket was closed. An application that cannot run without the loop exits or restarts here.
     *
     * @return a future of the loop's end (a copy: completing it changes nothing)
     */
    public CompletableFuture<Void> terminationFuture()
    {
        return termination.future();
    }

    /** {@return the Error that killed the loop, or null while it runs or after a normal close} */
    public Throwable failure()
    {
        return termination.failure();
    }

    /** The loop as its backend drives it (kept off the loop's public API). */
    private final class Turns implements LoopBackend.Turns
    {
        @Override
        public int turn()
        {
            int work = 0;
            final LoopStallEvent stall = FlightRecorderHooks.turnStarting();
            try
            {
                work = runTurn();
                if (FlightRecorderHooks.samplingEnabled())
                {
                    turn.sampleIfDue();
                }
            }
            catch (final RuntimeException | IOException e)
            {
                // One bad connection or command must not stop the others.
                turnErrors++;
                LOG.log(System.Logger.Level.ERROR, "rudp loop turn failed; continuing", e);
            }
            if (stall != null)
            {
                FlightRecorderHooks.turnEnded(stall, config.threadName(), work);
            }
            return work;
        }

        @Override
        public long nextDeadlineNs()
        {
            return turn.nextDeadlineNs();
        }

        @Override
        public long nowNs()
        {
            return clock.getAsLong();
        }

        @Override
        public boolean running()
        {
            return running;
        }

        @Override
        public boolean queued()
        {
            return turn.queued();
        }

        @Override
        public void died(final Throwable cause)
        {
            // An Error (or a broken backend): the loop can no longer trust its own state. Die
            // cleanly rather than linger: abort everything, say so, and let the application decide.
            running = false;
            termination.died(cause);
            LOG.log(System.Logger.Level.ERROR, "rudp loop died; aborting its connections and closing its sockets", cause);
        }

        @Override
        public void stopped()
        {
            running = false;
            try
            {
                turn.closeSockets();
                turn.drainAfterStop();
            }
            finally
            {
                termination.stopped();
            }
        }
    }

    /** {@return the loop's next deadline (see {@link LoopTurn#nextDeadlineNs})} */
    long nextDeadlineNs()
    {
        return turn.nextDeadlineNs();
    }

    LongSupplier clock()
    {
        return clock;
    }

    /** {@return turns that failed with an unexpected exception (logged, and the loop went on)} */
    public long turnErrors()
    {
        return turnErrors;
    }
}
