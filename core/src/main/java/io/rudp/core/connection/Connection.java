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
    private final EndpointSide endpointSide;
    private Object attachment;

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
        final Transmitter transmitter = new Transmitter(parts, lifecycle, peer, passive);
        final ObserverReport report = new ObserverReport(this, host, parts);
        final Timeouts timeouts = new Timeouts(parts, lifecycle, transmitter, report, passive);
        final Handshake handshake = new Handshake(parts, lifecycle, transmitter, timeouts);
        final SegmentArrival arrival =
            new SegmentArrival(host, parts, lifecycle, peer, handshake, transmitter, timeouts, report, passive);
        this.endpointSide = new EndpointSide(this, host, parts, lifecycle, peer, handshake, arrival, timeouts, transmitter);
        timeouts.onPeerHeard(nowNs);
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

    /** {@return this connection as its endpoint drives it} */
    EndpointSide endpointSide()
    {
        return endpointSide;
    }
}
