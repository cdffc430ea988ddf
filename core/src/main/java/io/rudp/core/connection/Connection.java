package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerHeap;
import io.rudp.core.timer.TimerKind;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One rudp connection: the transmission control block of RFC 9293 and the rules that drive it.
 *
 * <p>A connection is created by its {@link Endpoint} ({@code connect}, or a SYN on a listening port)
 * and used by the application through {@link #write}, {@link #read}, {@link #shutdownOutput},
 * {@link #close} and {@link #abort}. Like the endpoint, it is single-threaded and never blocks: the
 * application calls these on the thread that drives the endpoint, and learns what happened from the
 * endpoint's events.
 *
 * <p>This class is the connection's public face and its entry points from the endpoint. The state
 * machine is {@link Lifecycle}; a segment's checks (RFC 9293 Table 6) are {@link SegmentArrival}'s,
 * the timers' {@link Timeouts}', the ordered output {@link Transmitter}'s, the opening
 * {@link Handshake}'s and the peer's address {@link PeerAddress}'. The state they drive lives in
 * parts that know nothing of the connection ({@link ConnectionParts}): the send and receive sequence
 * spaces ({@link SendSpace}, {@link ReceiveSide}), the options the handshake agreed
 * ({@link NegotiatedOptions}), when to acknowledge ({@link AckPolicy}), the path ({@link NetworkPath}:
 * RTT, congestion control, pacing, path MTU), when to give the peer up ({@link Liveness}), loss
 * recovery, what an ACK does to the sender ({@link AckReceiver}), which data goes next
 * ({@link DataSender}) and how a segment is written ({@link SegmentWriter}). See
 * {@code docs/architecture.md}.
 */
public final class Connection
{
    private final ConnectionHost host;
    private final boolean passive;
    private final ConnectionParts parts;
    private final SendSpace snd;
    private final ReceiveSide rcv;
    private final NegotiatedOptions options;
    private final NetworkPath path;
    private final ConnectionCounters counters;
    private final PeerAddress peer;
    private final Lifecycle lifecycle;
    private final Transmitter transmitter;
    private final Timeouts timeouts;
    private final Handshake handshake;
    private final SegmentArrival arrival;

    // The endpoint's bookkeeping.
    private Object attachment;
    private final HeapEntry heapEntry = new HeapEntry();
    private boolean inSendQueue;

    Connection(final ConnectionHost host, final RudpConfig config, final InetSocketAddress remote,
        final int localPort, final int remotePort, final boolean passive, final int iss, final long nowNs)
    {
        this.host = host;
        this.passive = passive;
        this.parts = new ConnectionParts(host, config, host.pathCeilingBytes(remote), localPort, remotePort, iss);
        this.snd = parts.snd;
        this.rcv = parts.rcv;
        this.options = parts.options;
        this.path = parts.path;
        this.counters = parts.counters;
        this.peer = new PeerAddress(host, parts, remote, localPort, remotePort, iss);
        this.lifecycle = new Lifecycle(this, host, parts, peer, passive);
        this.transmitter = new Transmitter(parts, lifecycle, peer, passive);
        final ObserverReport report = new ObserverReport(this, host, parts);
        this.timeouts = new Timeouts(parts, lifecycle, transmitter, report, passive);
        this.handshake = new Handshake(parts, lifecycle, transmitter, timeouts);
        this.arrival = new SegmentArrival(host, parts, lifecycle, peer, handshake, transmitter, timeouts, report, passive);
        timeouts.onPeerHeard(nowNs);
    }

    // ------------------------------------------------------------------------------------------
    // Opening (called by the endpoint)
    // ------------------------------------------------------------------------------------------

    /** Active open: SYN-SENT, with a SYN to send. */
    void openActive()
    {
        handshake.openActive();
    }

    /** Passive open from a listener's SYN: SYN-RECEIVED, with a SYN+ACK to send. */
    void openPassive(final Segment syn)
    {
        handshake.openPassive(syn);
    }

    /**
     * A connection whose SYN+ACK went out statelessly as a SYN cookie; the returning ACK (processed
     * next, as in SYN-RECEIVED) establishes it, with the options the cookie carried: the peer's
     * window scale ({@code -1} none) and SACK-permitted, and timestamps if the ACK has them.
     */
    void openFromSynCookie(final int peerIsn, final int peerMss, final int advertisedWindow, final int peerWindowScale,
        final boolean peerSackPermitted, final Segment ack)
    {
        handshake.openFromSynCookie(peerIsn, peerMss, advertisedWindow, peerWindowScale, peerSackPermitted, ack);
    }

    // ------------------------------------------------------------------------------------------
    // Application API
    // ------------------------------------------------------------------------------------------

    /**
     * Queues as much of {@code src} as the send buffer has room for, advancing its position.
     * Returns 0 when the buffer is full; a {@link EventType#WRITABLE} event follows once room opens.
     * Writing is allowed from SYN-SENT on (data waits for the handshake).
     *
     * @return bytes accepted
     * @throws IllegalStateException if output was shut down, or the connection is closed
     *
     * @param src the bytes; its position advances past those accepted
     */
    public int write(final ByteBuffer src)
    {
        Objects.requireNonNull(src, "src");
        if (snd.finQueued())
        {
            throw new IllegalStateException("write after shutdownOutput/close on " + this);
        }
        if (lifecycle.state() == ConnectionState.CLOSED)
        {
            throw new IllegalStateException("write on a closed connection (" + lifecycle.closeReason().description() + "): " + this);
        }
        if (!lifecycle.state().sendsData() && lifecycle.state() != ConnectionState.SYN_SENT && lifecycle.state() != ConnectionState.SYN_RECEIVED)
        {
            throw new IllegalStateException("write in state " + lifecycle.state() + ": " + this);
        }
        final int accepted = snd.append(src);
        if (accepted > 0)
        {
            host.changed(this);
        }
        return accepted;
    }

    /**
     * Moves received bytes into {@code dst}, advancing its position.
     *
     * @return bytes read; 0 if none are ready yet; -1 at end of stream (the peer's FIN was reached,
     * or the connection ended abnormally: see {@link #closeReason()})
     *
     * @param dst where the bytes go; its position advances past them
     */
    public int read(final ByteBuffer dst)
    {
        Objects.requireNonNull(dst, "dst");
        if (lifecycle.inputClosed())
        {
            throw new IllegalStateException("read after close on " + this);
        }
        final int n = rcv.read(dst);
        if (n > 0)
        {
            counters.bytesRead += n;
            maybeSendWindowUpdate();
            return n;
        }
        if (rcv.readable() == 0 && (rcv.finReceived() || lifecycle.abnormallyClosed()))
        {
            return dst.hasRemaining() ? -1 : 0;
        }
        return 0;
    }

    /** {@return bytes that {@link #read} can return now without waiting} */
    public int readableBytes()
    {
        return rcv.readable();
    }

    /** {@return room left in the send buffer: what the next {@link #write} would accept} */
    public int writableBytes()
    {
        return snd.finQueued() || lifecycle.state() == ConnectionState.CLOSED ? 0 : snd.freeBytes();
    }

    /**
     * Half-close: sends FIN after the queued data; this side can still read. Idempotent.
     */
    public void shutdownOutput()
    {
        if (snd.finQueued() || lifecycle.state() == ConnectionState.CLOSED)
        {
            return;
        }
        snd.queueFin();
        switch (lifecycle.state())
        {
            case ESTABLISHED:
                lifecycle.enter(ConnectionState.FIN_WAIT_1);
                break;
            case CLOSE_WAIT:
                lifecycle.enter(ConnectionState.LAST_ACK);
                break;
            default:
                break; // SYN-SENT / SYN-RECEIVED: the FIN waits for ESTABLISHED
        }
        host.changed(this);
    }

    /**
     * Full close: no more writes or reads. Queued data is still delivered, then FIN. If received data
     * is left unread, the connection is reset instead (RFC 9293 §3.6.1), so the peer learns that
     * its data was not consumed.
     *
     * @param nowNs the caller's clock (the wait for the peer's FIN is bounded from it)
     */
    public void close(final long nowNs)
    {
        if (lifecycle.state() == ConnectionState.CLOSED || lifecycle.inputClosed())
        {
            lifecycle.closeInput();
            return;
        }
        if (rcv.readable() > 0)
        {
            lifecycle.closeInput();
            abort();
            return;
        }
        lifecycle.closeInput();
        if (lifecycle.state() == ConnectionState.SYN_SENT)
        {
            lifecycle.terminate(CloseReason.ABORTED, EventType.CLOSED);
            return;
        }
        shutdownOutput();
        if (lifecycle.state() == ConnectionState.FIN_WAIT_2)
        {
            // Output was shut down earlier and the FIN is acknowledged: bound the wait for the peer's FIN.
            parts.timers.set(TimerKind.CLOSE, nowNs + parts.config.finWait2TimeoutNs());
            host.changed(this);
        }
    }

    /** Abort: sends RST (unless still in SYN-SENT), discards both buffers, and ends the connection at once. */
    public void abort()
    {
        if (lifecycle.state() == ConnectionState.CLOSED)
        {
            return;
        }
        lifecycle.resetAndTerminate(CloseReason.ABORTED, EventType.CLOSED);
    }

    /**
     * The network reported that nothing receives at the peer's UDP port (an ICMP port unreachable,
     * which a socket connected to the peer sees). A connection still waiting for its SYN+ACK ends as
     * {@link CloseReason#REFUSED} at once, as a TCP connect does. An established one is marked, and
     * ends as {@link CloseReason#PEER_PORT_UNREACHABLE} when its next retransmission or keepalive
     * timer fires with nothing heard from the peer since: a fraction of a second for a peer that
     * died mid-transfer, where the user timeout would take minutes. Not at once, because RFC 5927
     * warns that ICMP errors can be forged: any segment from a live peer clears the mark.
     */
    public void onPortUnreachable()
    {
        if (lifecycle.state() == ConnectionState.SYN_SENT)
        {
            lifecycle.terminate(CloseReason.REFUSED, EventType.RESET);
        }
        else if (lifecycle.state().isSynchronized() && lifecycle.state() != ConnectionState.TIME_WAIT)
        {
            parts.liveness.onPortUnreachable();
        }
    }

    /**
     * Attaches an arbitrary object (a transport's per-connection state), like {@code SelectionKey.attach}.
     *
     * @param value the object, or null
     */
    public void attach(final Object value)
    {
        attachment = value;
    }

    /** {@return what {@link #attach} attached, or null} */
    public Object attachment()
    {
        return attachment;
    }

    /**
     * Disables (true) or enables (false) Nagle's algorithm on this connection.
     *
     * @param value true to send small writes at once
     */
    public void noDelay(final boolean value)
    {
        snd.noDelay(value);
        host.changed(this);
    }

    /** {@return whether Nagle's algorithm is off} */
    public boolean noDelay()
    {
        return snd.noDelay();
    }

    // ------------------------------------------------------------------------------------------
    // Inspection
    // ------------------------------------------------------------------------------------------

    /** {@return the RFC 9293 state} */
    public ConnectionState state()
    {
        return lifecycle.state();
    }

    /** {@return why the connection ended, {@link CloseReason#NONE} while open} */
    public CloseReason closeReason()
    {
        return lifecycle.closeReason();
    }

    /** {@return the peer's UDP address (it moves only to an address that answered a path challenge)} */
    public InetSocketAddress remoteAddress()
    {
        return peer.remote();
    }

    /** {@return this side's rudp port} */
    public int localPort()
    {
        return peer.localPort();
    }

    /** {@return the peer's rudp port} */
    public int remotePort()
    {
        return peer.remotePort();
    }

    /** {@return true if this side accepted the connection on a listening port} */
    public boolean isPassive()
    {
        return passive;
    }

    /** The connection is gone: its buffers' memory returns to the budget. */
    void releaseMemory()
    {
        parts.memory.close();
    }

    /** {@return whether window scaling (RFC 7323) is in use on this connection} */
    public boolean windowScalingEnabled()
    {
        return options.windowScaling();
    }

    /** {@return whether SACK (RFC 2018) is in use on this connection} */
    public boolean sackEnabled()
    {
        return options.sack();
    }

    /** {@return whether timestamps (RFC 7323) are in use on this connection} */
    public boolean timestampsEnabled()
    {
        return options.timestamps();
    }

    /** {@return the connection's counters (live, not a copy)} */
    public ConnectionCounters counters()
    {
        return counters;
    }

    /** {@return the smoothed RTT, -1 before the first sample} */
    public long srttNs()
    {
        return path.rtt().srttNs();
    }

    /** {@return the RTT variation (RFC 6298 RTTVAR)} */
    public long rttvarNs()
    {
        return path.rtt().rttvarNs();
    }

    /** {@return the retransmission timeout in force, backoff included} */
    public long rtoNs()
    {
        return path.rtt().rtoNs();
    }

    /** {@return the congestion controller's name ({@code newreno}, {@code cubic}, {@code bbr}); null before the SYN} */
    public String congestionControlName()
    {
        return path.congestion() == null ? null : path.congestion().name();
    }

    /** {@return the congestion window in bytes} */
    public long cwndBytes()
    {
        return path.congestion().cwndBytes();
    }

    /** {@return bytes sent and not yet acknowledged or SACKed (the pipe)} */
    public long bytesInFlight()
    {
        return snd.inFlightBytes();
    }

    /** {@return the send window the peer last advertised, scaled} */
    public long sendWindowBytes()
    {
        return snd.windowBytes();
    }

    /** {@return data bytes per full-sized segment, as negotiated} */
    public int mssDataBytes()
    {
        return path.mssDataBytes();
    }

    /** {@return this side's ISN (ISS)} */
    public int initialSendSequence()
    {
        return snd.iss();
    }

    /** {@return the peer's ISN (IRS)} */
    public int initialReceiveSequence()
    {
        return rcv.irs();
    }

    /** {@return the receive buffer in force, which bounds the window offered: autotuned up to the configured maximum} */
    public int receiveBufferBytes()
    {
        return rcv.buffer().capacity();
    }

    /** {@return bytes of buffer memory this connection holds now (its buffers grow on demand)} */
    public long allocatedBufferBytes()
    {
        return snd.allocatedBytes() + rcv.buffer().allocatedBytes();
    }

    /**
     * A one-line dump of the send and receive state (sequence numbers relative to the ISNs), in the
     * spirit of {@code ss -i}, for debugging and stall reports.
     *
     * @return one line, for debugging
     */
    public String describeState()
    {
        return lifecycle.state() + " " + snd.describe() + " cwnd=" + path.congestion().cwndBytes()
            + " ssthresh=" + path.congestion().ssthreshBytes() + " " + path.congestion() + " pacing=" + pacingRateBytesPerSecond() + "B/s "
            + parts.recovery.describe(snd.iss())
            + " rto=" + path.rtt().rtoNs() / 1_000_000 + "ms timers[rtx=" + parts.timers.isArmed(TimerKind.RETRANSMIT)
            + " persist=" + parts.timers.isArmed(TimerKind.PERSIST) + " delack=" + parts.timers.isArmed(TimerKind.DELAYED_ACK)
            + "] " + rcv.describe() + " finQueued=" + snd.finQueued();
    }

    @Override
    public String toString()
    {
        return "rudp[" + peer.localPort() + "->" + peer.remote() + ":" + peer.remotePort() + " " + lifecycle.state() + "]";
    }

    /** {@return the largest datagram this connection sends now (its PLPMTU)} */
    public int pathMtuBytes()
    {
        return path.mtu().currentBytes();
    }

    /**
     * The local interface refused a datagram of {@code datagramBytes} as too big (EMSGSIZE): the
     * segment size falls below it at once, and discovery will not try that size again.
     *
     * @param nowNs the caller's clock, in nanoseconds
     * @param datagramBytes the size refused
     */
    public void onDatagramTooBig(final long nowNs, final int datagramBytes)
    {
        // A probe this refused is forgotten by the PathMtu; what loss recovery later says of it is ignored.
        if (path.mtu().onDatagramTooBig(nowNs, datagramBytes))
        {
            parts.sender.segmentSizeChanged();
        }
        host.changed(this);
    }

    /**
     * The pacing rate: the controller's own (BBR), or for window-based control the window per RTT,
     * doubled in slow start and 1.2 times after it, as Linux does, so pacing smooths bursts without
     * holding the window back. The RTT is the minimum seen rather than Linux's smoothed one: samples
     * inflated by queueing or reordering would otherwise make pacing, not the window, the limit.
     * 0 (unpaced) before the first RTT sample, and when pacing is off. Bytes are data bytes, the
     * unit the controllers estimate bandwidth in.
     *
     * @return bytes per second, 0 when unpaced
     */
    public long pacingRateBytesPerSecond()
    {
        return path.pacingRateBytesPerSecond();
    }

    /** After a read: if the window opened enough to matter to the peer, tell it now. */
    private void maybeSendWindowUpdate()
    {
        if (!lifecycle.state().acceptsData())
        {
            return;
        }
        if (rcv.windowUpdateWorthSending(path.mssDataBytes()))
        {
            parts.acks.requestNow();
            host.changed(this);
        }
    }


    // ------------------------------------------------------------------------------------------
    // Input, timers and output (called by the endpoint)
    // ------------------------------------------------------------------------------------------

    /** Processes one decoded segment addressed to this connection (see {@link SegmentArrival}). */
    void onSegment(final long nowNs, final Segment seg)
    {
        arrival.onSegment(nowNs, seg);
        host.changed(this);
    }

    /**
     * A segment with this connection's ports came from {@code from}, which is not its address (see
     * {@link PeerAddress#onSegmentFrom}). Nothing from an unvalidated address is otherwise processed:
     * no data, no RST, no ACK.
     *
     * @return true if the connection moved to {@code from}, and the caller processes the segment
     */
    boolean onSegmentFromNewAddress(final long nowNs, final Segment seg, final InetSocketAddress from,
        final int datagramBytes)
    {
        final boolean moved = peer.onSegmentFrom(nowNs, seg, from, datagramBytes, lifecycle.state());
        if (moved)
        {
            lifecycle.raise(EventType.PEER_ADDRESS_CHANGED);
        }
        if (moved || peer.challengeDue())
        {
            host.changed(this);
        }
        return moved;
    }

    /** Whether a SYN arriving in TIME-WAIT may start a new incarnation (RFC 9293 §3.10.7.4, RFC 6191). */
    boolean acceptsNewIncarnation(final Segment syn)
    {
        return arrival.acceptsNewIncarnation(syn);
    }

    /** TIME-WAIT cut short because a new incarnation of the connection is starting. */
    void endTimeWait()
    {
        lifecycle.releaseQuietly();
    }

    /** See {@link Transmitter#awaitingAddressValidation}. */
    boolean awaitingAddressValidation()
    {
        return transmitter.awaitingAddressValidation();
    }

    /** A datagram of {@code bytes} arrived from a peer whose address is not validated yet. */
    void onUnvalidatedDatagram(final int bytes)
    {
        transmitter.onUnvalidatedDatagram(bytes);
    }

    /** See {@link ConnectionParts#pruneIfOverShare}. */
    void pruneIfOverShare()
    {
        parts.pruneIfOverShare();
    }

    /** Runs whichever timers are due at {@code nowNs}. */
    void onTimeout(final long nowNs)
    {
        timeouts.onTimeout(nowNs);
        host.changed(this);
    }

    /**
     * Writes the next segment this connection wants to send at {@code offset} in {@code dst}.
     *
     * @return the segment's length, or 0 if there is nothing to send now
     */
    int transmit(final long nowNs, final ByteBuffer dst, final int offset)
    {
        return transmitter.transmit(nowNs, dst, offset);
    }

    /** Where the segment {@link #transmit} just wrote is to be sent. */
    InetSocketAddress transmitAddress()
    {
        return peer.transmitAddress();
    }

    boolean inSendQueue()
    {
        return inSendQueue;
    }

    void inSendQueue(final boolean value)
    {
        inSendQueue = value;
    }

    /**
     * Called by the endpoint as it hands the event out.
     *
     * @return false if the event went stale while queued (READABLE after the application closed)
     */
    boolean eventPolled(final Event event)
    {
        return lifecycle.eventPolled(event);
    }

    /** The connection's place in its endpoint's timer heap, kept out of its public API. */
    final class HeapEntry implements TimerHeap.Entry
    {
        private int index = -1;

        Connection connection()
        {
            return Connection.this;
        }

        @Override
        public long heapDeadlineNs()
        {
            return parts.timers.nextDeadlineNs();
        }

        @Override
        public int heapIndex()
        {
            return index;
        }

        @Override
        public void heapIndex(final int value)
        {
            index = value;
        }
    }

    HeapEntry heapEntry()
    {
        return heapEntry;
    }
}
