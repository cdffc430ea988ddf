package io.rudp.nio;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.EndpointDriver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One UDP socket and the rudp {@link Endpoint} on it: any number of connections, to any number of
 * peers, listening on any number of rudp ports. Created by {@link RudpLoop#bind}; all its work runs
 * on the loop's thread, and its public methods may be called from any thread.
 */
public final class RudpSocket implements AutoCloseable
{
    /** Connect timeout when none is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Datagrams read from one socket per loop turn, so one busy socket cannot starve the others. */
    private static final int MAX_RECEIVES_PER_TURN = 1024;

    private final RudpLoop loop;
    private final Endpoint endpoint;
    private final InetSocketAddress localAddress;
    private final int stagingBytes;
    private final EndpointDriver driver;
    private final Map<Integer, RudpListener> listeners = new HashMap<>();
    private final PendingConnects pendingConnects = new PendingConnects();
    private final EventDispatch events;
    /** The socket's datagrams, and what the network said about them. */
    private final DatagramPort port;
    private boolean closed;
    private boolean ready;
    /** The application's tracer and the pcap capture, if any. */
    private final SocketTracers tracers;
    /** The socket's JMX connection table, or null when {@link LoopConfig#jmx()} is off. */
    private SocketTable table;
    private final io.rudp.nio.jfr.FlightRecorderHooks flightRecorder = new io.rudp.nio.jfr.FlightRecorderHooks();
    /** Drop counts at the last JFR sample. */
    private final long[] dropsAtLastSample = new long[DropReason.count()];

    RudpSocket(final RudpLoop loop, final DatagramPort port, final RudpConfig config, final int stagingBytes,
        final MemoryBudget memoryBudget) throws IOException
    {
        this.loop = loop;
        this.endpoint = new Endpoint(config, memoryBudget);
        this.tracers = new SocketTracers(endpoint);
        this.localAddress = port.localAddress();
        this.stagingBytes = stagingBytes;
        this.port = port;
        this.driver = new EndpointDriver(endpoint, loop.clock(), port::send,
            ByteBuffer.allocateDirect(config.maxDatagramBytes()));
        this.endpoint.pathCeiling(port.pathCeiling());
        this.endpoint.observer(flightRecorder);
        this.events = new EventDispatch(this, endpoint, listeners, pendingConnects, flightRecorder, stagingBytes);
    }

    /** Registers the socket's JMX connection table (at bind, when the loop's configuration asks). */
    void registerTable()
    {
        table = new SocketTable(this, loop);
        table.register();
    }

    RudpLoop loop()
    {
        return loop;
    }

    /** {@return the UDP address the socket is bound to (with the port the kernel chose, if it was 0)} */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /**
     * Listens on rudp port {@code port}, handing each accepted connection to {@code handler} on the
     * loop thread. Returns once the port is open.
     *
     * @param port the rudp port, 1 to 65535
     * @param handler called on the loop thread with each accepted connection
     * @return the listener; close it to stop accepting
     */
    public RudpListener listen(final int port, final Consumer<RudpConnection> handler)
    {
        return registerListener(port, RudpListener.requireHandler(handler));
    }

    /**
     * Listens on rudp port {@code port}; take connections with {@link RudpListener#accept()}.
     *
     * @param port the rudp port, 1 to 65535
     * @return the listener to accept from
     */
    public RudpListener listen(final int port)
    {
        return registerListener(port, null);
    }

    private RudpListener registerListener(final int port, final Consumer<RudpConnection> handler)
    {
        if (port < 1 || port > 0xFFFF)
        {
            throw new IllegalArgumentException("rudp port must be in [1, 65535]: " + port);
        }
        final RudpListener listener = new RudpListener(this, port, handler);
        loop.call(() ->
        {
            if (listeners.containsKey(port))
            {
                throw new IllegalStateException("already listening on rudp port " + port + " of " + localAddress);
            }
            listeners.put(port, listener);
            endpoint.listen(port);
            return null;
        });
        return listener;
    }

    void stopListening(final RudpListener listener)
    {
        if (listeners.remove(listener.port(), listener))
        {
            endpoint.stopListening(listener.port());
        }
    }

    /**
     * Connects to rudp port {@code remote.getPort()} at {@code remote}, giving up after 30 s.
     *
     * @param remote the peer's UDP address; its port is also the rudp port
     * @return the connection once established, or the failure
     */
    public CompletableFuture<RudpConnection> connect(final InetSocketAddress remote)
    {
        return connect(remote, remote.getPort(), DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Connects to rudp port {@code remotePort} at UDP address {@code remote}. The future fails with
     * a {@link RudpException}: {@link CloseReason#REFUSED} if nothing listens there,
     * {@link CloseReason#CONNECT_TIMED_OUT} if no answer comes within {@code timeout}.
     *
     * @param remote the peer's UDP address
     * @param remotePort the rudp port listened on there
     * @param timeout how long to wait for the handshake
     * @return the connection once established, or the failure
     */
    public CompletableFuture<RudpConnection> connect(final InetSocketAddress remote, final int remotePort,
        final Duration timeout)
    {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(timeout, "timeout");
        if (remote.isUnresolved())
        {
            throw new IllegalArgumentException("unresolved address: " + remote);
        }
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("connect timeout must be positive: " + timeout);
        }
        final CompletableFuture<RudpConnection> future = new CompletableFuture<>();
        loop.execute(() ->
        {
            try
            {
                final long nowNs = driver.nowNs();
                final Connection engine = endpoint.connect(nowNs, remote, 0, remotePort);
                new RudpConnection(this, engine, stagingBytes);
                pendingConnects.add(engine, future, nowNs + timeout.toNanos());
            }
            catch (final RuntimeException e)
            {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /**
     * Installs a tracer that sees every segment this socket receives and sends, on the loop thread
     * (for demos and debugging: it slows the loop down).
     *
     * @param tracer what sees the segments; null for none
     */
    public void tracer(final io.rudp.core.connection.SegmentTracer tracer)
    {
        loop.call(() ->
        {
            tracers.user(tracer);
            return null;
        });
    }

    /**
     * Captures every segment this socket receives and sends into a pcap file at {@code file}, as
     * TCP/IP packets Wireshark and tshark read with no script (see {@link PcapCapture}); at most
     * {@code maxBytes} of file, after which packets are counted as dropped. Close the capture to
     * flush it. One capture per socket at a time.
     *
     * @throws IOException if the file cannot be created
     *
     * @param file the pcap file to create (replaced if it exists)
     * @param maxBytes the file size at which it stops growing (at least 1024)
     * @return the capture; close it to flush and stop
     */
    public PcapCapture capture(final java.nio.file.Path file, final long maxBytes) throws IOException
    {
        Objects.requireNonNull(file, "file");
        try
        {
            return loop.call(() -> tracers.capture(file, maxBytes, localAddress.getAddress(), driver.nowNs()));
        }
        catch (final java.util.concurrent.CompletionException e)
        {
            if (e.getCause() instanceof IOException)
            {
                throw (IOException)e.getCause();
            }
            throw e;
        }
    }

    /** {@return datagrams dropped on this socket, by reason (a snapshot taken on the loop thread)} */
    public CompletableFuture<Map<DropReason, Long>> dropCounts()
    {
        return loop.submit(() ->
        {
            final Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
            for (final DropReason r : DropReason.values())
            {
                counts.put(r, endpoint.dropCounters().get(r));
            }
            return counts;
        });
    }

    /** {@return connections on this socket in any state (a snapshot taken on the loop thread)} */
    public CompletableFuture<Integer> connectionCount()
    {
        return loop.submit(endpoint::connectionCount);
    }

    /** Aborts every connection and closes the UDP socket. */
    @Override
    public void close()
    {
        loop.call(() ->
        {
            closeNow();
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // Loop side
    // ------------------------------------------------------------------------------------------

    DatagramPort port()
    {
        return port;
    }

    Endpoint endpoint()
    {
        return endpoint;
    }

    boolean isClosed()
    {
        return closed;
    }

    /** The backend found this socket's port readable, or writable again (loop thread). */
    void markReady()
    {
        ready = true;
    }

    /** Whether the selector marked this socket since the last call (and clears the mark). */
    boolean takeReady()
    {
        final boolean wasReady = ready;
        ready = false;
        return wasReady;
    }

    /**
     * Reads every waiting datagram (up to a fair share) into the engine, sending what each one
     * releases before reading the next: ACKs keep pace with the data (one per two segments, at once
     * for out-of-order data) however many datagrams one turn finds waiting.
     */
    int receive(final ByteBuffer rxBuffer) throws IOException
    {
        int count = 0;
        while (true)
        {
            if (count == MAX_RECEIVES_PER_TURN)
            {
                ready = true; // more may be waiting: come back next turn without waiting for the selector
                break;
            }
            rxBuffer.clear();
            final InetSocketAddress from = port.receive(rxBuffer);
            if (from == null)
            {
                if (port.takePortUnreachable())
                {
                    onPortUnreachable();
                    count++;
                    continue;
                }
                break;
            }
            rxBuffer.flip();
            driver.onDatagram(rxBuffer, from);
            count++;
        }
        return count;
    }

    void runTimers()
    {
        driver.onTimers();
        pendingConnects.expire(driver.nowNs());
    }

    long nextDeadlineNs()
    {
        return pendingConnects.earliestDeadlineNs(endpoint.nextTimeoutNs());
    }

    /** Nothing receives at the connected peer's UDP port: connects waiting for it are refused. */
    private void onPortUnreachable()
    {
        for (final Connection c : endpoint.connections())
        {
            c.onPortUnreachable();
        }
    }

    /** Hands engine events to connections, listeners and connect futures; {@return how many} */
    int dispatchEvents()
    {
        return events.dispatch();
    }

    /**
     * Sends everything the engine has to send. When the socket's send buffer is full, the datagram
     * is kept, OP_WRITE is armed, and sending resumes when the socket drains: nothing is dropped.
     */
    int flush()
    {
        int count = driver.transmit();
        if (port.takePortUnreachable())
        {
            onPortUnreachable();
            count += driver.transmit();
        }
        final DatagramPort.TooBig tooBig = port.takeTooBig();
        if (tooBig != null)
        {
            endpoint.onDatagramTooBig(driver.nowNs(), tooBig.to(), tooBig.localPort(), tooBig.remotePort(), tooBig.bytes());
            count += driver.transmit();
        }
        port.flushed(driver.blocked());
        return count;
    }

    /**
     * Datagrams the operating system refused to send (for example, no route): each is treated as
     * lost on the wire and repaired by retransmission. Read on the loop thread, so approximate.
     *
     * @return the count so far
     */
    public long sendErrors()
    {
        return port.sendErrors();
    }

    /** JDK Flight Recorder samples of this socket's connections and drops (loop thread, when recording). */
    void sample()
    {
        flightRecorder.sample(endpoint.connections());
        io.rudp.nio.jfr.FlightRecorderHooks.drops(localAddress.toString(), endpoint.dropCounters(), dropsAtLastSample);
    }

    /** Starts closing every connection gracefully (loop shutdown). */
    void closeConnectionsGracefully()
    {
        for (final Connection c : endpoint.connections())
        {
            final RudpConnection facade = (RudpConnection)c.attachment();
            if (facade != null)
            {
                facade.closeForShutdown();
            }
            else
            {
                c.abort();
            }
        }
        listeners.clear();
    }

    /** True once no connection needs more than TIME-WAIT. */
    boolean quiescent()
    {
        for (final Connection c : endpoint.connections())
        {
            if (c.state() != ConnectionState.TIME_WAIT)
            {
                return false;
            }
        }
        return true;
    }

    void closeNow()
    {
        if (closed)
        {
            return;
        }
        for (final Connection c : endpoint.connections())
        {
            if (c.state() != ConnectionState.TIME_WAIT)
            {
                c.abort();
            }
        }
        dispatchEvents();
        flush();
        pendingConnects.failAll();
        closed = true;
        if (table != null)
        {
            table.unregister();
        }
        try
        {
            port.close();
        }
        catch (final IOException e)
        {
            RudpLoop.LOG.log(System.Logger.Level.WARNING, "closing " + localAddress, e);
        }
    }

    @Override
    public String toString()
    {
        return "RudpSocket[" + localAddress + "]";
    }
}
