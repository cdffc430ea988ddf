package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.stats.DropCounters;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The rudp protocol engine for one UDP socket: it owns every connection on that socket and turns
 * datagrams and time into datagrams and events. It performs no I/O, reads no clock and starts no
 * thread: the caller passes the time in and moves the datagrams.
 *
 * <p>Connections are keyed by (remote UDP address, local rudp port, remote rudp port), so one
 * socket carries any number of connections to any number of peers.
 *
 * <p>Driving it, from one thread:
 * <ol>
 *   <li>{@link #onDatagram} for every datagram received;</li>
 *   <li>{@link #pollTransmit} until it returns null, sending each datagram to the address returned;</li>
 *   <li>{@link #pollEvent} until it returns null, handing events to the application;</li>
 *   <li>when the clock reaches {@link #nextTimeoutNs()}, {@link #onTimeout}, then back to 2.</li>
 * </ol>
 * Application calls ({@link #connect}, {@link #listen}, and the {@link Connection} methods) may come
 * in between, on the same thread; they too can make output, so follow them with step 2.
 */
public final class Endpoint
{
    /** The ephemeral port range of RFC 6335 §6, for {@code connect} without a local port. */
    static final int EPHEMERAL_LOW = EphemeralPorts.LOW;
    static final int EPHEMERAL_HIGH = EphemeralPorts.HIGH;

    private final RudpConfig config;
    private final Segment rxSegment = new Segment();
    private final ConnectionTable connections = new ConnectionTable();
    /** What connections may ask of this endpoint (kept off its public API). */
    private final EndpointHost host;
    private final SegmentCodec codec;
    /** The segment connections write their output through: the host's. */
    private final Segment txSegment;
    private final boolean[] listening = new boolean[65536];
    private final ArrayDeque<Event> eventQueue = new ArrayDeque<>();
    private final ConnectionScheduler scheduler = new ConnectionScheduler();
    private final StatelessReplies resets = new StatelessReplies(4096);
    private final PassiveOpener passiveOpener;
    private final DropCounters drops = new DropCounters();
    private final MemoryBudget memoryBudget;
    /** What became of the datagram being handled: the reason it was dropped, or null. */
    private DropReason lastDrop;
    private SegmentTracer tracer = SegmentTracer.NONE;
    private final EphemeralPorts ephemeralPorts;

    /**
     * An endpoint whose connections' buffers are bounded only by the configuration (no shared budget).
     *
     * @param config the settings of this endpoint and its connections
     */
    public Endpoint(final RudpConfig config)
    {
        this(config, MemoryBudget.unlimited());
    }

    /**
     * An endpoint whose connections' buffers are paid from {@code memoryBudget}, which other
     * endpoints (the other sockets of one event loop) may share.
     *
     * @param config the settings of this endpoint and its connections
     * @param memoryBudget what the connections' buffers are paid from
     */
    public Endpoint(final RudpConfig config, final MemoryBudget memoryBudget)
    {
        this.config = Objects.requireNonNull(config, "config");
        this.memoryBudget = Objects.requireNonNull(memoryBudget, "memoryBudget");
        this.host = new EndpointHost(this, config, connections, scheduler, eventQueue, resets, memoryBudget);
        this.codec = host.codec();
        this.txSegment = host.txSegment();
        this.passiveOpener = new PassiveOpener(config, connections, host, memoryBudget, resets);
        this.ephemeralPorts = new EphemeralPorts(config);
    }

    /** {@return the settings of this endpoint} */
    public RudpConfig config()
    {
        return config;
    }

    /**
     * Tells path MTU discovery how large a datagram the local interface toward a peer carries (a
     * transport knows its interfaces; the engine does not). Without it, the ceiling is
     * {@link RudpConfig#maxDatagramBytes()}. Asked once per connection, when it is created.
     *
     * @param maxDatagramBytesTo the largest datagram toward a peer's address
     */
    public void pathCeiling(final ToIntFunction<InetSocketAddress> maxDatagramBytesTo)
    {
        host.pathCeiling(maxDatagramBytesTo);
    }

    /**
     * The local network refused to send a datagram of {@code datagramBytes} to {@code remote}
     * because it is too big (EMSGSIZE): the connection it came from (its rudp ports are the
     * datagram's first four bytes: source, then destination) lowers its segment size below it.
     * A datagram of no known connection is ignored.
     *
     * @param nowNs the caller's clock, in nanoseconds
     * @param remote where the datagram was going
     * @param localPort its source rudp port
     * @param remotePort its destination rudp port
     * @param datagramBytes its size
     */
    public void onDatagramTooBig(final long nowNs, final InetSocketAddress remote, final int localPort,
        final int remotePort, final int datagramBytes)
    {
        final Connection connection = connections.get(remote, localPort, remotePort);
        if (connection != null)
        {
            connection.onDatagramTooBig(nowNs, datagramBytes);
        }
    }

    /**
     * Installs an observer of timeouts, recovery episodes and congestion states (null: none).
     *
     * @param observer who is told
     */
    public void observer(final ConnectionObserver observer)
    {
        host.observer(observer == null ? ConnectionObserver.NONE : observer);
    }

    /**
     * Installs a tracer that sees every segment received and sent (for demos, debugging, tests).
     *
     * @param tracer what sees the segments; null for none
     */
    public void tracer(final SegmentTracer tracer)
    {
        this.tracer = tracer == null ? SegmentTracer.NONE : tracer;
    }

    // ------------------------------------------------------------------------------------------
    // Application commands
    // ------------------------------------------------------------------------------------------

    /**
     * Accepts connections on rudp port {@code port} (1..65535). They are announced as CONNECTED events.
     *
     * @param port the rudp port
     */
    public void listen(final int port)
    {
        checkPort(port, "listen port");
        listening[port] = true;
    }

    /**
     * Stops accepting new connections on {@code port}; established ones are unaffected.
     *
     * @param port the rudp port
     */
    public void stopListening(final int port)
    {
        checkPort(port, "listen port");
        listening[port] = false;
    }

    /**
     * {@return whether connections are accepted on {@code port}}
     *
     * @param port the rudp port
     */
    public boolean isListening(final int port)
    {
        return port > 0 && port <= 0xFFFF && listening[port];
    }

    /**
     * Opens a connection: the SYN goes out on the next {@link #pollTransmit}.
     *
     * @param nowNs      the caller's clock
     * @param remote     the peer's UDP address
     * @param localPort  rudp port on this side, or 0 to pick a free ephemeral one
     * @param remotePort rudp port the peer listens on
     * @throws IllegalArgumentException for a bad port or a connection that already exists
     * @throws IllegalStateException    if the connection table is full or no ephemeral port is free
     *
     * @return the connection, in SYN-SENT
     */
    public Connection connect(final long nowNs, final InetSocketAddress remote, final int localPort, final int remotePort)
    {
        Objects.requireNonNull(remote, "remote");
        checkPort(remotePort, "remote port");
        if (localPort != 0)
        {
            checkPort(localPort, "local port");
        }
        if (connections.size() >= config.maxConnections())
        {
            throw new IllegalStateException("connection table full (" + config.maxConnections() + " connections)");
        }
        final int port = localPort != 0 ? localPort : ephemeralPorts.pick(remote, remotePort,
            p -> !listening[p] && !connections.contains(remote, p, remotePort));
        if (connections.contains(remote, port, remotePort))
        {
            throw new IllegalArgumentException("a connection " + port + " -> " + remote + ":" + remotePort + " already exists");
        }
        final int isn = config.isnGenerator().isn(nowNs, port, remote, remotePort);
        final Connection connection = new Connection(host, config, remote, port, remotePort, false, isn, nowNs);
        connection.endpointSide().openActive();
        connections.add(connection, false);
        scheduler.changed(connection);
        return connection;
    }

    private static void checkPort(final int port, final String what)
    {
        if (port < 1 || port > 0xFFFF)
        {
            throw new IllegalArgumentException(what + " must be in [1, 65535]: " + port);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Inputs
    // ------------------------------------------------------------------------------------------

    /**
     * Handles one received datagram (between {@code datagram}'s position and limit; neither is
     * changed). Malformed or unwanted datagrams are dropped and counted in {@link #dropCounters()};
     * nothing here throws because of what a datagram contains. Like {@code SSLEngine.unwrap}, it
     * says what became of the datagram.
     *
     * @param nowNs the caller's clock, in nanoseconds
     * @param datagram the bytes received
     * @param remote who sent them
     * @return why the datagram (or the segment in it) was dropped, or null if it was taken
     */
    public DropReason onDatagram(final long nowNs, final ByteBuffer datagram, final InetSocketAddress remote)
    {
        lastDrop = null;
        if (datagram.remaining() > config.maxDatagramBytes())
        {
            return drop(DropReason.TOO_LARGE);
        }
        final DropReason malformed = codec.decode(datagram, rxSegment);
        if (malformed != null)
        {
            return drop(malformed);
        }
        final Segment seg = rxSegment;
        final int datagramBytes = datagram.remaining();
        Connection connection = connections.get(remote, seg.dstPort, seg.srcPort);
        tracer.onReceived(nowNs, remote, seg, connection);
        if (connection != null && seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK)
            && connection.endpointSide().acceptsNewIncarnation(seg) && listening[seg.dstPort])
        {
            // A new SYN may end TIME-WAIT early (RFC 9293 §3.10.7.4, RFC 6191).
            connection.endpointSide().endTimeWait();
            connection = null;
        }
        if (connection != null)
        {
            if (connection.endpointSide().awaitingAddressValidation())
            {
                connection.endpointSide().onUnvalidatedDatagram(datagramBytes);
            }
            connection.endpointSide().onSegment(nowNs, seg);
            return lastDrop;
        }
        onSegmentWithoutConnection(nowNs, seg, remote, datagramBytes);
        return lastDrop;
    }

    /** Counts a drop, and remembers it as what became of the datagram being handled. */
    DropReason drop(final DropReason reason)
    {
        drops.increment(reason);
        lastDrop = reason;
        return reason;
    }

    private void onSegmentWithoutConnection(final long nowNs, final Segment seg, final InetSocketAddress remote,
        final int datagramBytes)
    {
        if (!seg.has(TcpFlags.SYN) && onSegmentFromNewAddress(nowNs, seg, remote, datagramBytes))
        {
            return;
        }
        final DropReason dropped = passiveOpener.onSegment(nowNs, seg, remote, datagramBytes, listening[seg.dstPort]);
        if (dropped != null)
        {
            drop(dropped);
        }
    }

    /** {@return SYN+ACKs sent with a SYN cookie because the half-open table was full} */
    public long synCookiesSent()
    {
        return passiveOpener.synCookiesSent();
    }

    /** {@return RSTs not sent because their source address had used its allowance (see {@link ResetRateLimiter})} */
    public long resetsRateLimited()
    {
        return passiveOpener.resetsRateLimited();
    }

    /** {@return connections established from a returned SYN cookie} */
    public long synCookiesAccepted()
    {
        return passiveOpener.synCookiesAccepted();
    }

    /**
     * A segment from an address no connection has, with the ports of one (or more) that another
     * address has: a NAT may have rebound the peer. Each such connection is asked; one that moves
     * to the new address (it answered a path challenge) is re-keyed and processes the segment. Any
     * other such segment is dropped without a RST: a reset sent back through a NAT's old mapping
     * could reach the peer, and the connection is alive on its known address.
     *
     * @return whether a connection claimed the segment
     */
    private boolean onSegmentFromNewAddress(final long nowNs, final Segment seg, final InetSocketAddress remote,
        final int datagramBytes)
    {
        final List<Connection> candidates = connections.withPorts(seg.dstPort, seg.srcPort);
        if (candidates.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < candidates.size(); i++)
        {
            if (offerNewAddress(nowNs, candidates.get(i), seg, remote, datagramBytes))
            {
                return true;
            }
        }
        return true;
    }

    private boolean offerNewAddress(final long nowNs, final Connection connection, final Segment seg,
        final InetSocketAddress remote, final int datagramBytes)
    {
        final InetSocketAddress old = connection.remoteAddress();
        if (!connection.endpointSide().onSegmentFromNewAddress(nowNs, seg, remote, datagramBytes))
        {
            drop(DropReason.UNVALIDATED_ADDRESS);
            return false;
        }
        connections.rekey(connection, old);
        connection.endpointSide().onSegment(nowNs, seg);
        return true;
    }

    /** {@return the budget this endpoint's connections' buffers are paid from} */
    public MemoryBudget memoryBudget()
    {
        return memoryBudget;
    }

    /**
     * Runs every timer due at {@code nowNs}. Calling it early, or twice, does no harm.
     *
     * @param nowNs the caller's clock, in nanoseconds
     */
    public void onTimeout(final long nowNs)
    {
        scheduler.runTimers(nowNs);
    }

    /** {@return when {@link #onTimeout} should be called next, or {@link Long#MAX_VALUE} if no timer is armed} */
    public long nextTimeoutNs()
    {
        return scheduler.nextDeadlineNs();
    }

    // ------------------------------------------------------------------------------------------
    // Outputs
    // ------------------------------------------------------------------------------------------

    /**
     * Writes the next datagram to send into {@code dst}, from its position on, and advances the
     * position past it. {@code dst} needs at least {@link RudpConfig#maxDatagramBytes()} remaining.
     *
     * @return where to send it, or null if nothing is waiting (then {@code dst} is unchanged)
     *
     * @param nowNs the caller's clock, in nanoseconds
     * @param dst where the datagram is written, from its position
     */
    public InetSocketAddress pollTransmit(final long nowNs, final ByteBuffer dst)
    {
        if (dst.remaining() < config.maxDatagramBytes())
        {
            throw new IllegalArgumentException("dst has " + dst.remaining() + " bytes remaining, needs "
                + config.maxDatagramBytes());
        }
        final int offset = dst.position();
        if (!resets.isEmpty())
        {
            final InetSocketAddress to = resets.peekRemote();
            final int length = resets.writeNext(txSegment, dst, offset, codec);
            tracer.onSent(nowNs, to, txSegment, null);
            dst.position(offset + length);
            return to;
        }
        final Connection connection = scheduler.transmitNext(nowNs, dst, offset);
        if (connection == null)
        {
            return null;
        }
        final InetSocketAddress to = connection.endpointSide().transmitAddress();
        tracer.onSent(nowNs, to, txSegment, connection); // what transmit wrote
        return to;
    }

    /** {@return the next event for the application, or null} */
    public Event pollEvent()
    {
        Event event;
        while ((event = eventQueue.pollFirst()) != null)
        {
            if (event.connection().endpointSide().eventPolled(event))
            {
                return event;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // Inspection
    // ------------------------------------------------------------------------------------------

    /** {@return datagrams dropped by this endpoint, by reason (connection-level drops are also counted per connection)} */
    public DropCounters dropCounters()
    {
        return drops;
    }

    /** {@return connections in any state, TIME-WAIT included} */
    public int connectionCount()
    {
        return connections.size();
    }

    /** {@return connections in SYN-RECEIVED (the half-open table)} */
    public int halfOpenCount()
    {
        return connections.halfOpen();
    }

    /**
     * Looks up a connection by its key, or null.
     *
     * @param remote the peer's UDP address
     * @param localPort this side's rudp port
     * @param remotePort the peer's rudp port
     * @return the connection, or null
     */
    public Connection connection(final InetSocketAddress remote, final int localPort, final int remotePort)
    {
        return connections.get(remote, localPort, remotePort);
    }

    /** {@return all connections, for inspection (a snapshot copy)} */
    public Iterable<Connection> connections()
    {
        return connections.snapshot();
    }
}
