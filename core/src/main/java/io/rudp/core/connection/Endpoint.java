package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.stats.DropCounters;
import io.rudp.core.timer.TimerHeap;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final SegmentCodec codec = new SegmentCodec();
    private final Segment rxSegment = new Segment();
    private final Segment txSegment = new Segment();
    private final ConnectionKey probeKey = new ConnectionKey();
    private final Map<ConnectionKey, Connection> connections = new HashMap<>();
    /** What connections may ask of this endpoint (kept off its public API). */
    private final ConnectionHost host = new Host();
    /** Connections by their rudp ports alone, for segments from a new address (NAT rebinding). */
    private final PortIndex byPorts = new PortIndex();
    private final boolean[] listening = new boolean[65536];
    private final ArrayDeque<Connection> sendQueue = new ArrayDeque<>();
    private final ArrayDeque<Event> eventQueue = new ArrayDeque<>();
    private final TimerHeap<Connection.HeapEntry> timerHeap = new TimerHeap<>();
    private final StatelessReplies resets = new StatelessReplies(4096);
    private final ResetRateLimiter resetLimiter = new ResetRateLimiter();
    private long resetsRateLimited;
    private final SynCookieResponder synCookies;
    private final DropCounters drops = new DropCounters();
    private final MemoryBudget memoryBudget;
    /** When connections over their share last had their out-of-order data pruned (at most once a second). */
    private long lastPruneSweepNs;
    /** What became of the datagram being handled: the reason it was dropped, or null. */
    private DropReason lastDrop;
    private boolean pruneSwept;
    private SegmentTracer tracer = SegmentTracer.NONE;
    private int halfOpenCount;
    private final EphemeralPorts ephemeralPorts;
    private ToIntFunction<InetSocketAddress> pathCeiling;
    private ConnectionObserver observer = ConnectionObserver.NONE;

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
        this.synCookies = new SynCookieResponder(config);
        this.ephemeralPorts = new EphemeralPorts(config);
    }

    /**
     * {@return the settings of this endpoint}
     */
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
        this.pathCeiling = maxDatagramBytesTo;
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
        final Connection connection = connections.get(probeKey.set(remote, localPort, remotePort));
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
        this.observer = observer == null ? ConnectionObserver.NONE : observer;
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
            p -> !listening[p] && !connections.containsKey(probeKey.set(remote, p, remotePort)));
        final ConnectionKey key = new ConnectionKey().set(remote, port, remotePort);
        if (connections.containsKey(key))
        {
            throw new IllegalArgumentException("a connection " + port + " -> " + remote + ":" + remotePort + " already exists");
        }
        final int isn = config.isnGenerator().isn(nowNs, port, remote, remotePort);
        final Connection connection = new Connection(host, config, remote, port, remotePort, false, isn, nowNs);
        connection.openActive();
        connections.put(key, connection);
        byPorts.add(connection);
        changed(connection);
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
        Connection connection = connections.get(probeKey.set(remote, seg.dstPort, seg.srcPort));
        tracer.onReceived(nowNs, remote, seg, connection);
        if (connection != null && seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK)
            && connection.acceptsNewIncarnation(seg) && listening[seg.dstPort])
        {
            // A new SYN may end TIME-WAIT early (RFC 9293 §3.10.7.4, RFC 6191).
            connection.endTimeWait();
            connection = null;
        }
        if (connection != null)
        {
            if (connection.awaitingAddressValidation())
            {
                connection.onUnvalidatedDatagram(datagramBytes);
            }
            connection.onSegment(nowNs, seg);
            return lastDrop;
        }
        onSegmentWithoutConnection(nowNs, seg, remote, datagramBytes);
        return lastDrop;
    }

    /** Counts a drop, and remembers it as what became of the datagram being handled. */
    private DropReason drop(final DropReason reason)
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
        if (seg.has(TcpFlags.RST))
        {
            drop(DropReason.NO_CONNECTION);
            return;
        }
        if (seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK) && listening[seg.dstPort])
        {
            if (connections.size() >= config.maxConnections())
            {
                drop(DropReason.TABLE_FULL);
                return;
            }
            if (memoryUnderPressure(nowNs))
            {
                drop(DropReason.MEMORY_PRESSURE);
                return;
            }
            if (halfOpenCount >= config.maxHalfOpen())
            {
                if (!synCookies.enabled())
                {
                    drop(DropReason.TABLE_FULL);
                    return;
                }
                synCookies.answer(nowNs, seg, remote, resets);
                return;
            }
            final int isn = config.isnGenerator().isn(nowNs, seg.dstPort, remote, seg.srcPort);
            final Connection connection = new Connection(host, config, remote, seg.dstPort, seg.srcPort, true, isn, nowNs);
            connection.openPassive(seg);
            connection.onUnvalidatedDatagram(datagramBytes);
            halfOpenCount++;
            connections.put(new ConnectionKey().set(remote, seg.dstPort, seg.srcPort), connection);
            byPorts.add(connection);
            changed(connection);
            return;
        }
        if (seg.has(TcpFlags.ACK) && !seg.has(TcpFlags.SYN) && listening[seg.dstPort] && acceptSynCookie(nowNs, seg, remote))
        {
            return;
        }
        drop(DropReason.NO_CONNECTION);
        // RFC 9293 §3.10.7.1: answer anything else with a RST that the sender will accept; at most
        // one per segment, and only a few a second per source address, so that spoofed junk cannot
        // turn this endpoint into a reflector.
        if (!resetLimiter.allow(nowNs, remote))
        {
            resetsRateLimited++;
            return;
        }
        if (seg.has(TcpFlags.ACK))
        {
            resets.offer(remote, seg.dstPort, seg.srcPort, seg.ack, 0, TcpFlags.RST);
        }
        else
        {
            resets.offer(remote, seg.dstPort, seg.srcPort, 0, seg.seq + seg.sequenceLength(), TcpFlags.RST | TcpFlags.ACK);
        }
    }

    /** An ACK for no connection may complete a handshake answered with a SYN cookie. */
    private boolean acceptSynCookie(final long nowNs, final Segment ack, final InetSocketAddress remote)
    {
        final int peerMss = synCookies.validate(nowNs, ack, remote);
        if (peerMss < 0 || connections.size() >= config.maxConnections())
        {
            return false;
        }
        if (memoryUnderPressure(nowNs))
        {
            drop(DropReason.MEMORY_PRESSURE);
            return true; // a valid cookie, refused: the client's retransmission may find room
        }
        final Connection connection = new Connection(host, config, remote, ack.dstPort, ack.srcPort, true, ack.ack - 1, nowNs);
        synCookies.open(connection, ack, peerMss);
        connections.put(new ConnectionKey().set(remote, ack.dstPort, ack.srcPort), connection);
        byPorts.add(connection);
        connection.onSegment(nowNs, ack);
        return true;
    }

    /**
     * SYN+ACKs sent with a SYN cookie because the half-open table was full.
     *
     * @return the count
     */
    public long synCookiesSent()
    {
        return synCookies.sent();
    }

    /**
     * RSTs not sent because their source address had used its allowance (see {@link ResetRateLimiter}).
     *
     * @return the count
     */
    public long resetsRateLimited()
    {
        return resetsRateLimited;
    }

    /**
     * Connections established from a returned SYN cookie.
     *
     * @return the count
     */
    public long synCookiesAccepted()
    {
        return synCookies.accepted();
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
        final List<Connection> candidates = byPorts.get(seg.dstPort, seg.srcPort);
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
        if (!connection.onSegmentFromNewAddress(nowNs, seg, remote, datagramBytes))
        {
            drop(DropReason.UNVALIDATED_ADDRESS);
            return false;
        }
        connections.remove(probeKey.set(old, connection.localPort(), connection.remotePort()));
        connections.put(new ConnectionKey().set(remote, connection.localPort(), connection.remotePort()), connection);
        connection.onSegment(nowNs, seg);
        return true;
    }

    /**
     * Whether the memory budget is too full for a new connection. Under pressure, first prunes the
     * out-of-order data of every connection holding more than its share (at most once a second: it
     * visits every connection), so peers that parked data behind holes cannot keep newcomers out.
     */
    private boolean memoryUnderPressure(final long nowNs)
    {
        if (!memoryBudget.underPressure())
        {
            return false;
        }
        if (!pruneSwept || nowNs - lastPruneSweepNs >= 1_000_000_000L)
        {
            pruneSwept = true;
            lastPruneSweepNs = nowNs;
            for (final Connection c : connections.values())
            {
                c.pruneIfOverShare();
            }
        }
        return memoryBudget.full();
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
        Connection.HeapEntry next;
        while ((next = timerHeap.peek()) != null && next.heapDeadlineNs() - nowNs <= 0)
        {
            next.connection().onTimeout(nowNs);
            timerHeap.update(next);
        }
    }

    /**
     * When {@link #onTimeout} should be called next, or {@link Long#MAX_VALUE} if no timer is armed.
     *
     * @return the deadline on the caller's clock
     */
    public long nextTimeoutNs()
    {
        return timerHeap.minDeadlineNs();
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
        Connection connection;
        while ((connection = sendQueue.peekFirst()) != null)
        {
            final int length = connection.transmit(nowNs, dst, offset);
            if (length > 0)
            {
                // Round robin: a connection with more to send goes behind the others.
                sendQueue.pollFirst();
                sendQueue.addLast(connection);
                timerHeap.update(connection.heapEntry());
                dst.position(offset + length);
                tracer.onSent(nowNs, connection.transmitAddress(), txSegment, connection); // what transmit wrote
                return connection.transmitAddress();
            }
            sendQueue.pollFirst();
            connection.inSendQueue(false);
            timerHeap.update(connection.heapEntry());
        }
        return null;
    }

    /**
     * The next event for the application, or null.
     *
     * @return the event
     */
    public Event pollEvent()
    {
        Event event;
        while ((event = eventQueue.pollFirst()) != null)
        {
            if (event.connection().eventPolled(event))
            {
                return event;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // Inspection
    // ------------------------------------------------------------------------------------------

    /** Datagrams dropped by this endpoint, by reason (connection-level drops are also counted per connection). */
    public DropCounters dropCounters()
    {
        return drops;
    }

    /**
     * Connections in any state, TIME-WAIT included.
     *
     * @return the count
     */
    public int connectionCount()
    {
        return connections.size();
    }

    /**
     * {@return connections in SYN-RECEIVED (the half-open table)}
     */
    public int halfOpenCount()
    {
        return halfOpenCount;
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
        return connections.get(probeKey.set(remote, localPort, remotePort));
    }

    /**
     * All connections, for inspection (a snapshot copy).
     *
     * @return a view of them
     */
    public Iterable<Connection> connections()
    {
        return new java.util.ArrayList<>(connections.values());
    }

    // ------------------------------------------------------------------------------------------
    // What connections may ask of their endpoint: private, not the application's API
    // ------------------------------------------------------------------------------------------

    /** Queues the connection to transmit, and re-sorts its timer. */
    private void changed(final Connection connection)
    {
        if (connection.state() != ConnectionState.CLOSED && !connection.inSendQueue())
        {
            connection.inSendQueue(true);
            sendQueue.addLast(connection);
        }
        if (connection.state() != ConnectionState.CLOSED)
        {
            timerHeap.update(connection.heapEntry());
        }
    }

    private void release(final Connection connection)
    {
        connection.releaseMemory();
        connections.remove(probeKey.set(connection.remoteAddress(), connection.localPort(), connection.remotePort()));
        byPorts.remove(connection);
        timerHeap.remove(connection.heapEntry());
        if (connection.inSendQueue())
        {
            sendQueue.remove(connection);
            connection.inSendQueue(false);
        }
    }

    /** The endpoint as its connections see it; an application holding the endpoint cannot reach these. */
    private final class Host implements ConnectionHost
    {
        @Override
        public void changed(final Connection connection)
        {
            Endpoint.this.changed(connection);
        }

        @Override
        public void queueEvent(final Event event)
        {
            eventQueue.addLast(event);
        }

        @Override
        public void released(final Connection connection)
        {
            release(connection);
        }

        @Override
        public void halfOpenEnded(final Connection connection)
        {
            halfOpenCount--;
        }

        @Override
        public void sendReset(final InetSocketAddress remote, final int localPort, final int remotePort, final int seq,
            final int ack, final int flags)
        {
            resets.offer(remote, localPort, remotePort, seq, ack, flags);
        }

        @Override
        public void dropped(final DropReason reason)
        {
            drop(reason);
        }

        @Override
        public SegmentCodec codec()
        {
            return codec;
        }

        @Override
        public MemoryBudget memoryBudget()
        {
            return memoryBudget;
        }

        @Override
        public Segment txSegment()
        {
            return txSegment;
        }

        @Override
        public ConnectionObserver observer()
        {
            return observer;
        }

        @Override
        public int pathCeilingBytes(final InetSocketAddress remote)
        {
            final int bytes = pathCeiling == null ? config.maxDatagramBytes() : pathCeiling.applyAsInt(remote);
            return Math.max(SegmentCodec.HEADER_BYTES + SegmentCodec.MAX_OPTION_BYTES + 1,
                Math.min(bytes, config.maxDatagramBytes()));
        }
    }
}
