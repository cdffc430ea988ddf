package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.buffer.SendBuffer;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.recovery.LossRecovery;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerHeap;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;

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
 * <p>The connection is the state machine and its dispatch (a segment's Table 6 checks, the timers,
 * the order of {@link #transmit}'s output); the state it drives lives in parts that know nothing of
 * it: the send and receive sequence spaces ({@link SendSpace}, {@link ReceiveSide}), the options the
 * handshake agreed ({@link NegotiatedOptions}), when to acknowledge ({@link AckPolicy}), the path
 * ({@link NetworkPath}: RTT, congestion control, pacing, path MTU), when to give the peer up
 * ({@link Liveness}), loss recovery, what an ACK does to the sender ({@link AckReceiver}), which data
 * goes next ({@link DataSender}) and how a segment is written ({@link SegmentWriter}). See
 * {@code docs/architecture.md}.
 */
public final class Connection
{
    /** RFC 6298 (5.7): RTO once data flows, when the SYN had to be retransmitted. */
    static final long RTO_AFTER_SYN_TIMEOUT_NS = 3_000_000_000L;

    private final ConnectionHost host;
    private final RudpConfig config;
    private final int localPort;
    private final int remotePort;
    private final boolean passive;
    /** The peer's UDP address: where segments go. Moves only to an address that proved it is the peer's ({@link PathValidation}). */
    private InetSocketAddress remote;

    // The state machine.
    private ConnectionState state;
    private CloseReason closeReason = CloseReason.NONE;
    /** The application closed its input: no more reads, and data that arrives gets a RST. */
    private boolean inputClosed;
    /** Counted against the endpoint's half-open limit (a passive open until it leaves SYN-RECEIVED). */
    private boolean halfOpen;
    private boolean needSyn;
    private boolean keepAliveProbeDue;

    // The parts it drives, which know nothing of it.
    private final SendSpace snd;
    private final ReceiveSide rcv;
    private final NegotiatedOptions options;
    private final AckPolicy acks;
    /** RTT, congestion control, pacing, path MTU and segment size. */
    private final NetworkPath path;
    /** SACK-based loss recovery (RFC 6675, RACK-TLP) when negotiated, else NewReno (RFC 5681 / RFC 6582). */
    private final LossRecovery recovery;
    private final Liveness liveness;
    private final SegmentWriter writer;
    private final DataSender sender;
    private final AckReceiver ackReceiver;
    private final TimerTable timers = new TimerTable();
    private final ConnectionEvents events;
    private final ConnectionCounters counters = new ConnectionCounters();
    /** What this connection's buffers hold of the endpoint's memory budget. */
    private final MemoryBudget.Account memory;
    /** Bytes to the peer's address before it is validated (a passive open's SYN+ACKs). */
    private final AmplificationLimit amplification = new AmplificationLimit();
    /** NAT rebinding: a new address for the peer, challenged before the connection moves to it. */
    private final PathValidation pathValidation;
    /** Where the segment {@link #transmit} last wrote goes: the peer, or an address being validated. */
    private InetSocketAddress transmitTo;
    /** What the observer last heard: in recovery or not, and the controller's state. */
    private boolean observedRecovery;
    private String observedCongestionState;

    // The endpoint's bookkeeping.
    private Object attachment;
    private final HeapEntry heapEntry = new HeapEntry();
    private boolean inSendQueue;

    Connection(final ConnectionHost host, final RudpConfig config, final InetSocketAddress remote,
        final int localPort, final int remotePort, final boolean passive, final int iss, final long nowNs)
    {
        this.host = host;
        this.config = config;
        this.remote = remote;
        this.localPort = localPort;
        this.remotePort = remotePort;
        this.passive = passive;
        this.memory = host.memoryBudget().open();
        this.snd = new SendSpace(iss, new SendBuffer(config.sendBufferBytes(), memory), config.noDelay());
        this.rcv = new ReceiveSide(config.receiveBufferBytes(), memory);
        this.options = new NegotiatedOptions(config, iss);
        this.acks = new AckPolicy(config.delayedAckNs(), config.challengeAcksPerSecond());
        this.liveness = new Liveness(config);
        this.path = new NetworkPath(config, options, host.pathCeilingBytes(remote));
        this.recovery = new LossRecovery(path, counters);
        this.writer = new SegmentWriter(localPort, remotePort, host.txSegment(), host.codec(), options, acks, snd, rcv,
            path, timers, counters);
        this.sender = new DataSender(snd, path, recovery, options, liveness, writer, timers, counters);
        this.ackReceiver = new AckReceiver(snd, path, recovery, options, liveness, sender, timers, counters);
        this.pathValidation = new PathValidation(config.synCookieKey0() ^ iss,
            config.synCookieKey1() ^ ((long)localPort << 16 | remotePort));
        this.transmitTo = remote;
        final Event[] eventObjects = new Event[EventType.COUNT];
        for (final EventType type : EventType.values())
        {
            eventObjects[type.ordinal()] = new Event(this, type);
        }
        this.events = new ConnectionEvents(eventObjects, passive);
        recovery.init(iss);
        onPeerHeard(nowNs);
    }

    // ------------------------------------------------------------------------------------------
    // Opening
    // ------------------------------------------------------------------------------------------

    /** Active open: SYN-SENT, with a SYN to send. */
    void openActive()
    {
        state = ConnectionState.SYN_SENT;
        needSyn = true;
        path.startActive();
        recovery.configure(false, path.mssDataBytes());
    }

    /** Passive open from a listener's SYN: SYN-RECEIVED, with a SYN+ACK to send. */
    void openPassive(final Segment syn)
    {
        state = ConnectionState.SYN_RECEIVED;
        halfOpen = true;
        acceptPeerSyn(syn);
        snd.initWindow(syn.seq, snd.iss(), syn.window);
        needSyn = true;
    }

    /**
     * A connection whose SYN+ACK went out statelessly as a SYN cookie; the returning ACK (processed
     * next, as in SYN-RECEIVED) establishes it, with the options the cookie carried: the peer's
     * window scale ({@code -1} none) and SACK-permitted, and timestamps if the ACK has them.
     */
    void openFromSynCookie(final int peerIsn, final int peerMss, final int advertisedWindow, final int peerWindowScale,
        final boolean peerSackPermitted, final Segment ack)
    {
        state = ConnectionState.SYN_RECEIVED;
        options.negotiate(peerWindowScale, peerSackPermitted, ack.hasTimestamps, ack.tsVal);
        rcv.init(peerIsn, advertisedWindow, options.receiveShift());
        acks.init(peerIsn + 1);
        path.startWithPeerMss(peerMss);
        recovery.configure(options.sack(), path.mssDataBytes());
        snd.onSynSent(); // statelessly, as a cookie
        snd.initWindow(peerIsn, snd.iss(), 0);
    }

    /** Records the peer's ISN and negotiates options from its SYN (or SYN+ACK). */
    private void acceptPeerSyn(final Segment syn)
    {
        options.negotiate(syn.windowScale, syn.sackPermitted, syn.hasTimestamps, syn.tsVal);
        rcv.init(syn.seq, 0, options.receiveShift());
        acks.init(syn.seq + 1);
        path.startWithPeerMss(syn.mss >= 0 ? syn.mss : NetworkPath.DEFAULT_PEER_MSS);
        recovery.configure(options.sack(), path.mssDataBytes());
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
        if (state == ConnectionState.CLOSED)
        {
            throw new IllegalStateException("write on a closed connection (" + closeReason.description() + "): " + this);
        }
        if (!state.sendsData() && state != ConnectionState.SYN_SENT && state != ConnectionState.SYN_RECEIVED)
        {
            throw new IllegalStateException("write in state " + state + ": " + this);
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
        if (inputClosed)
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
        if (rcv.readable() == 0 && (rcv.finReceived() || isAbnormallyClosed()))
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
        return snd.finQueued() || state == ConnectionState.CLOSED ? 0 : snd.freeBytes();
    }

    /**
     * Half-close: sends FIN after the queued data; this side can still read. Idempotent.
     */
    public void shutdownOutput()
    {
        if (snd.finQueued() || state == ConnectionState.CLOSED)
        {
            return;
        }
        snd.queueFin();
        switch (state)
        {
            case ESTABLISHED:
                state = ConnectionState.FIN_WAIT_1;
                break;
            case CLOSE_WAIT:
                state = ConnectionState.LAST_ACK;
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
        if (state == ConnectionState.CLOSED || inputClosed)
        {
            inputClosed = true;
            return;
        }
        if (rcv.readable() > 0)
        {
            inputClosed = true;
            abort();
            return;
        }
        inputClosed = true;
        if (state == ConnectionState.SYN_SENT)
        {
            terminate(CloseReason.ABORTED, EventType.CLOSED);
            return;
        }
        shutdownOutput();
        if (state == ConnectionState.FIN_WAIT_2)
        {
            // Output was shut down earlier and the FIN is acknowledged: bound the wait for the peer's FIN.
            timers.set(TimerKind.CLOSE, nowNs + config.finWait2TimeoutNs());
            host.changed(this);
        }
    }

    /** Abort: sends RST (unless still in SYN-SENT), discards both buffers, and ends the connection at once. */
    public void abort()
    {
        if (state == ConnectionState.CLOSED)
        {
            return;
        }
        resetAndTerminate(CloseReason.ABORTED, EventType.CLOSED);
    }

    /** Sends the peer a RST (unless still in SYN-SENT, when it knows of no connection) and ends. */
    private void resetAndTerminate(final CloseReason reason, final EventType event)
    {
        if (state != ConnectionState.SYN_SENT)
        {
            host.sendReset(remote, localPort, remotePort, snd.max(), rcv.rcvNxt(), TcpFlags.RST | TcpFlags.ACK);
        }
        terminate(reason, event);
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
        if (state == ConnectionState.SYN_SENT)
        {
            terminate(CloseReason.REFUSED, EventType.RESET);
        }
        else if (state.isSynchronized() && state != ConnectionState.TIME_WAIT)
        {
            liveness.onPortUnreachable();
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
        return state;
    }

    /** {@return why the connection ended, {@link CloseReason#NONE} while open} */
    public CloseReason closeReason()
    {
        return closeReason;
    }

    /** {@return the peer's UDP address (it moves only to an address that answered a path challenge)} */
    public InetSocketAddress remoteAddress()
    {
        return remote;
    }

    /** {@return this side's rudp port} */
    public int localPort()
    {
        return localPort;
    }

    /** {@return the peer's rudp port} */
    public int remotePort()
    {
        return remotePort;
    }

    /** {@return true if this side accepted the connection on a listening port} */
    public boolean isPassive()
    {
        return passive;
    }

    /**
     * Whether the peer's address is still unproven: a passive open whose SYN+ACK the peer has not
     * acknowledged. Until then the connection sends it at most {@link AmplificationLimit#FACTOR} times
     * the bytes it received from it (RFC 9000 §8.1's rule, applied to the handshake).
     */
    boolean awaitingAddressValidation()
    {
        return passive && state == ConnectionState.SYN_RECEIVED;
    }

    /** A datagram of {@code bytes} arrived from a peer whose address is not validated yet. */
    void onUnvalidatedDatagram(final int bytes)
    {
        amplification.onReceived(bytes);
    }

    /**
     * Under memory pressure, a connection holding more than its fair share drops its out-of-order
     * data first: never acknowledged, it can be resent, where in-order data cannot be taken back.
     */
    void pruneIfOverShare()
    {
        final MemoryBudget budget = memory.budget();
        if (budget.underPressure() && rcv.buffer().hasOutOfOrder() && memory.heldBytes() > budget.fairShareBytes())
        {
            counters.outOfOrderBytesPruned += rcv.pruneOutOfOrder();
        }
    }

    /** The connection is gone: its buffers' memory returns to the budget. */
    void releaseMemory()
    {
        memory.close();
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
        return state + " " + snd.describe() + " cwnd=" + path.congestion().cwndBytes()
            + " ssthresh=" + path.congestion().ssthreshBytes() + " " + path.congestion() + " pacing=" + pacingRateBytesPerSecond() + "B/s "
            + recovery.describe(snd.iss())
            + " rto=" + path.rtt().rtoNs() / 1_000_000 + "ms timers[rtx=" + timers.isArmed(TimerKind.RETRANSMIT)
            + " persist=" + timers.isArmed(TimerKind.PERSIST) + " delack=" + timers.isArmed(TimerKind.DELAYED_ACK)
            + "] " + rcv.describe() + " finQueued=" + snd.finQueued();
    }

    private boolean isAbnormallyClosed()
    {
        return state == ConnectionState.CLOSED && closeReason != CloseReason.NORMAL;
    }

    @Override
    public String toString()
    {
        return "rudp[" + localPort + "->" + remote + ":" + remotePort + " " + state + "]";
    }

    // ------------------------------------------------------------------------------------------
    // Input
    // ------------------------------------------------------------------------------------------

    /** Processes one decoded segment addressed to this connection (RFC 9293 §3.10.7). */
    void onSegment(final long nowNs, final Segment seg)
    {
        counters.segmentsReceived++;
        if (state == ConnectionState.SYN_SENT)
        {
            onSegmentInSynSent(nowNs, seg);
        }
        else if (state != ConnectionState.CLOSED)
        {
            onSegmentSynchronizing(nowNs, seg);
        }
        host.changed(this);
    }

    private void onSegmentInSynSent(final long nowNs, final Segment seg)
    {
        final boolean hasAck = seg.has(TcpFlags.ACK);
        if (hasAck && (SeqNum.le(seg.ack, snd.iss()) || snd.acksUnsent(seg.ack)))
        {
            if (!seg.has(TcpFlags.RST))
            {
                host.sendReset(remote, localPort, remotePort, seg.ack, 0, TcpFlags.RST);
            }
            drop(DropReason.BAD_ACK);
            return;
        }
        if (seg.has(TcpFlags.RST))
        {
            if (hasAck)
            {
                terminate(CloseReason.REFUSED, EventType.RESET);
            }
            else
            {
                drop(DropReason.BAD_RST);
            }
            return;
        }
        if (!seg.has(TcpFlags.SYN))
        {
            drop(DropReason.NO_ACK);
            return;
        }
        acceptPeerSyn(seg);
        snd.initWindow(seg.seq, seg.ack, seg.window);
        acks.requestNow();
        if (!hasAck)
        {
            // Simultaneous open (RFC 9293 §3.5): answer with SYN+ACK and wait for its ACK.
            state = ConnectionState.SYN_RECEIVED;
            needSyn = true;
            return;
        }
        takeSynRttSample(nowNs);
        onSynAcked(nowNs, seg.ack);
    }

    /** The handshake's round trip, unless the SYN was sent more than once (Karn). */
    private void takeSynRttSample(final long nowNs)
    {
        final long sampleNs = liveness.synRttSampleNs(nowNs);
        if (sampleNs >= 0)
        {
            path.rtt().onSample(sampleNs);
        }
    }

    /** Our SYN was acknowledged: the connection is ESTABLISHED. */
    private void onSynAcked(final long nowNs, final int ack)
    {
        snd.onSynAcked(ack);
        if (liveness.synRetransmitted())
        {
            path.rtt().resetAfterSynTimeout(RTO_AFTER_SYN_TIMEOUT_NS);
        }
        timers.cancel(TimerKind.RETRANSMIT);
        state = ConnectionState.ESTABLISHED;
        armKeepAlive(nowNs);
        if (snd.finQueued())
        {
            state = ConnectionState.FIN_WAIT_1;
        }
        raise(EventType.CONNECTED);
    }

    private void onSegmentSynchronizing(final long nowNs, final Segment seg)
    {
        final boolean rst = seg.has(TcpFlags.RST);
        if (state == ConnectionState.SYN_RECEIVED && seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK) && seg.seq == rcv.irs())
        {
            needSyn = true; // the peer retransmitted its SYN: our SYN+ACK was lost
            return;
        }
        if (state == ConnectionState.SYN_RECEIVED && seg.has(TcpFlags.SYN) && seg.has(TcpFlags.ACK) && seg.seq == rcv.irs()
            && snd.acksNew(seg.ack))
        {
            // Simultaneous open (RFC 9293 Figure 8): the peer's SYN+ACK acknowledges our SYN.
            acks.requestNow();
            updateSendWindow(seg);
            onSynAcked(nowNs, seg.ack);
            return;
        }
        if (seg.has(TcpFlags.SYN))
        {
            // RFC 5961 §4.2: irrespective of its sequence number, a SYN here gets a challenge ACK.
            challengeAck(nowNs);
            drop(DropReason.UNEXPECTED_SYN);
            return;
        }
        if (!rst && options.pawsRejects(seg))
        {
            acks.requestNow();
            if (options.sack())
            {
                rcv.reportIfDuplicate(seg); // as Linux: usually the late original of a segment already resent
            }
            drop(DropReason.PAWS);
            return;
        }
        final int segLen = seg.sequenceLength();
        final int rcvNxt = rcv.rcvNxt();
        // With a zero window nothing is acceptable, but the ACK and RST of a segment at RCV.NXT must still be processed.
        final boolean atZeroWindowEdge = rcv.atZeroWindowEdge(seg.seq, segLen);
        if (!atZeroWindowEdge && !rcv.acceptable(seg.seq, segLen))
        {
            if (rst)
            {
                drop(DropReason.OUT_OF_WINDOW);
                return;
            }
            if (segLen == 0 && SeqNum.lt(seg.seq, rcvNxt))
            {
                options.echoIfCurrent(seg); // a keepalive, or a path challenge: its ACK echoes its TSval
            }
            if (segLen == 0 && SeqNum.lt(seg.seq, rcvNxt) && seg.has(TcpFlags.ACK)
                && snd.acksSent(seg.ack))
            {
                // A keepalive probe: the peer is there, even though the segment carries nothing. Its
                // keepalives must hold this side past the idle timeout, as they hold a NAT mapping.
                onPeerHeard(nowNs);
            }
            if (segLen > 0)
            {
                acks.requestNow();
            }
            else
            {
                acks.onOutOfWindowAck(nowNs);
            }
            if (options.sack())
            {
                rcv.reportIfDuplicate(seg);
            }
            if (state == ConnectionState.TIME_WAIT && seg.has(TcpFlags.FIN))
            {
                timers.set(TimerKind.CLOSE, nowNs + config.timeWaitNs()); // a retransmitted FIN restarts 2 MSL
                return;
            }
            drop(DropReason.OUT_OF_WINDOW);
            return;
        }
        if (rst)
        {
            onReset(nowNs, seg);
            return;
        }
        if (!seg.has(TcpFlags.ACK))
        {
            drop(DropReason.NO_ACK);
            return;
        }
        options.updateTsRecent(seg, acks.lastAckSent());
        onPeerHeard(nowNs);
        if (state == ConnectionState.SYN_RECEIVED)
        {
            if (!snd.acksNew(seg.ack))
            {
                host.sendReset(remote, localPort, remotePort, seg.ack, 0, TcpFlags.RST);
                drop(DropReason.BAD_ACK);
                return;
            }
            endHalfOpen();
            updateSendWindow(seg);
            takeSynRttSample(nowNs);
            onSynAcked(nowNs, seg.ack);
        }
        if (!processAck(nowNs, seg))
        {
            return;
        }
        if (state == ConnectionState.CLOSED || state == ConnectionState.TIME_WAIT && !seg.has(TcpFlags.FIN))
        {
            return;
        }
        if (atZeroWindowEdge)
        {
            acks.requestNow(); // tell the prober the window is still closed
            return;
        }
        if (seg.payloadLength() > 0)
        {
            if (!processData(nowNs, seg))
            {
                return;
            }
        }
        if (seg.has(TcpFlags.FIN))
        {
            onFin(nowNs, seg.seq + seg.payloadLength());
        }
    }

    /** RFC 5961 §3: only a RST exactly at RCV.NXT resets; any other in-window RST gets a challenge ACK. */
    private void onReset(final long nowNs, final Segment seg)
    {
        if (seg.seq != rcv.rcvNxt())
        {
            challengeAck(nowNs);
            drop(DropReason.BAD_RST);
            return;
        }
        if (state == ConnectionState.SYN_RECEIVED)
        {
            if (passive)
            {
                releaseQuietly(); // back to LISTEN: the application never saw this connection
            }
            else
            {
                terminate(CloseReason.REFUSED, EventType.RESET);
            }
            return;
        }
        if (state == ConnectionState.TIME_WAIT)
        {
            releaseQuietly(); // RFC 9293: TIME-WAIT + RST -> CLOSED; the application already saw CLOSED
            return;
        }
        if (state == ConnectionState.LAST_ACK || state == ConnectionState.CLOSING)
        {
            terminate(CloseReason.NORMAL, EventType.CLOSED); // both FINs were exchanged
            return;
        }
        terminate(CloseReason.RESET_BY_PEER, EventType.RESET);
    }

    /**
     * The ACK field and window of a segment past the handshake (RFC 9293 §3.10.7.4, fifth check; RFC 5961 §5).
     *
     * @return false if the segment was dropped
     */
    private boolean processAck(final long nowNs, final Segment seg)
    {
        switch (ackReceiver.onAck(nowNs, seg))
        {
            case UNSENT:
                acks.requestNow();
                drop(DropReason.BAD_ACK);
                return false;
            case TOO_OLD:
                challengeAck(nowNs);
                drop(DropReason.BAD_ACK);
                return false;
            case ADVANCED:
                if (snd.takeWritable())
                {
                    raise(EventType.WRITABLE);
                }
                break;
            default:
                break;
        }
        tellObserver(nowNs);
        if (snd.finAcked())
        {
            switch (state)
            {
                case FIN_WAIT_1:
                    state = ConnectionState.FIN_WAIT_2;
                    if (inputClosed)
                    {
                        timers.set(TimerKind.CLOSE, nowNs + config.finWait2TimeoutNs());
                    }
                    break;
                case CLOSING:
                    enterTimeWait(nowNs);
                    break;
                case LAST_ACK:
                    terminate(CloseReason.NORMAL, EventType.CLOSED);
                    return false;
                default:
                    break;
            }
        }
        return true;
    }

    private boolean updateSendWindow(final Segment seg)
    {
        return snd.updateWindow(seg, options.sendShift());
    }

    /**
     * Segment text (RFC 9293 §3.10.7.4, seventh check).
     *
     * @return false if the connection was reset because the application no longer reads
     */
    private boolean processData(final long nowNs, final Segment seg)
    {
        if (!state.acceptsData())
        {
            return true; // the peer already sent FIN: later data is a duplicate
        }
        if (inputClosed)
        {
            // RFC 9293 §3.6.1: data for an application that closed its input gets a RST.
            host.sendReset(remote, localPort, remotePort, snd.max(), rcv.rcvNxt(), TcpFlags.RST | TcpFlags.ACK);
            terminate(CloseReason.ABORTED, EventType.CLOSED);
            return false;
        }
        final int rcvNxtBefore = rcv.rcvNxt();
        final boolean hadOutOfOrder = rcv.buffer().hasOutOfOrder();
        if (options.sack())
        {
            rcv.noteArrival(seg);
        }
        rcv.autotune(nowNs, options.echoedTimestampAgeMs(nowNs, seg), counters.bytesRead, path.rtt().srttNs());
        pruneIfOverShare();
        final int advanced = rcv.accept(seg);
        counters.bytesReceived += Math.max(advanced, 0);
        if (advanced < 0)
        {
            drop(DropReason.NO_BUFFER_SPACE);
            acks.requestNow();
            return true;
        }
        if (seg.seq != rcvNxtBefore || hadOutOfOrder || advanced == 0)
        {
            acks.requestNow(); // RFC 5681 §4.2: out-of-order and gap-filling segments are ACKed at once
        }
        else
        {
            final long delayNs = acks.onInOrderData(seg.payloadLength(), path.mssDataBytes());
            if (delayNs >= 0 && !timers.isArmed(TimerKind.DELAYED_ACK))
            {
                timers.set(TimerKind.DELAYED_ACK, nowNs + delayNs);
            }
        }
        if (advanced > 0)
        {
            raise(EventType.READABLE);
            if (rcv.pendingFinReached())
            {
                onFin(nowNs, rcv.pendingFinSeq());
            }
        }
        return true;
    }

    /** The peer's FIN at sequence {@code seq} (RFC 9293 §3.10.7.4, eighth check). */
    private void onFin(final long nowNs, final int seq)
    {
        acks.requestNow();
        switch (rcv.onFin(seq))
        {
            case DUPLICATE:
                if (state == ConnectionState.TIME_WAIT)
                {
                    timers.set(TimerKind.CLOSE, nowNs + config.timeWaitNs()); // retransmitted FIN restarts 2 MSL
                }
                return;
            case PENDING:
                return; // out of order: processed when the bytes before it arrive
            default:
                break;
        }
        raise(EventType.READABLE);
        raise(EventType.PEER_CLOSED);
        switch (state)
        {
            case ESTABLISHED:
                state = ConnectionState.CLOSE_WAIT;
                break;
            case FIN_WAIT_1:
                if (snd.finAcked())
                {
                    enterTimeWait(nowNs);
                }
                else
                {
                    state = ConnectionState.CLOSING;
                }
                break;
            case FIN_WAIT_2:
                enterTimeWait(nowNs);
                break;
            default:
                break;
        }
    }

    private void enterTimeWait(final long nowNs)
    {
        state = ConnectionState.TIME_WAIT;
        timers.cancelAll();
        timers.set(TimerKind.CLOSE, nowNs + config.timeWaitNs());
        closeReason = CloseReason.NORMAL;
        raise(EventType.CLOSED);
    }

    /** RFC 5961 §3.2/§4.2/§5.2, rate-limited per connection (§7). */
    private void challengeAck(final long nowNs)
    {
        if (acks.challenge(nowNs))
        {
            counters.challengeAcks++;
        }
    }

    /** Whether a SYN arriving in TIME-WAIT may start a new incarnation (RFC 9293 §3.10.7.4, RFC 6191). */
    boolean acceptsNewIncarnation(final Segment syn)
    {
        if (state != ConnectionState.TIME_WAIT)
        {
            return false;
        }
        if (options.timestamps() && syn.hasTimestamps)
        {
            return options.newerThanTsRecent(syn.tsVal);
        }
        return SeqNum.gt(syn.seq, rcv.rcvNxt());
    }

    /** TIME-WAIT cut short because a new incarnation of the connection is starting. */
    void endTimeWait()
    {
        releaseQuietly();
    }

    private void drop(final DropReason reason)
    {
        counters.drops.increment(reason);
        host.dropped(reason);
    }

    /** The peer proved alive: keepalive and the idle timeout start counting afresh. */
    private void onPeerHeard(final long nowNs)
    {
        liveness.onPeerHeard();
        if (state != null)
        {
            armKeepAlive(nowNs);
            if (config.idleTimeoutNs() > 0 && state != ConnectionState.TIME_WAIT && state != ConnectionState.CLOSED)
            {
                timers.set(TimerKind.IDLE, nowNs + config.idleTimeoutNs());
            }
        }
    }

    private void armKeepAlive(final long nowNs)
    {
        if (config.keepAlive() && state.isSynchronized() && state != ConnectionState.TIME_WAIT)
        {
            timers.set(TimerKind.KEEPALIVE, nowNs + config.keepAliveIdleNs());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Timers
    // ------------------------------------------------------------------------------------------

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
            return timers.nextDeadlineNs();
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

    /** Runs whichever timers are due at {@code nowNs}. */
    void onTimeout(final long nowNs)
    {
        if (timers.expire(TimerKind.CLOSE, nowNs))
        {
            onCloseTimer();
            return;
        }
        if (timers.expire(TimerKind.RETRANSMIT, nowNs))
        {
            onRetransmitTimeout(nowNs);
        }
        if (state == ConnectionState.CLOSED)
        {
            return;
        }
        if (timers.expire(TimerKind.LOSS_DETECTION, nowNs))
        {
            onLossDetectionTimeout(nowNs);
        }
        timers.expire(TimerKind.PACING, nowNs); // nothing to do but send, below
        if (timers.expire(TimerKind.DELAYED_ACK, nowNs))
        {
            acks.requestNow();
        }
        if (timers.expire(TimerKind.PERSIST, nowNs))
        {
            final CloseReason giveUp = sender.onPersistTimeout(nowNs);
            if (giveUp != null)
            {
                terminate(giveUp, EventType.TIMED_OUT);
            }
        }
        if (state != ConnectionState.CLOSED && timers.expire(TimerKind.KEEPALIVE, nowNs))
        {
            onKeepAliveTimeout(nowNs);
        }
        // expire() first: it disarms the timer whatever the state, so a deadline left from before
        // TIME-WAIT cannot stay due forever.
        if (timers.expire(TimerKind.IDLE, nowNs) && state != ConnectionState.CLOSED && state != ConnectionState.TIME_WAIT)
        {
            // Nothing from the peer for the idle timeout: gone, or silent for longer than allowed.
            // The RST tells a peer that is merely quiet; one that vanished hears nothing either way.
            resetAndTerminate(CloseReason.IDLE_TIMEOUT, EventType.TIMED_OUT);
        }
        host.changed(this);
    }

    private void onCloseTimer()
    {
        if (state == ConnectionState.TIME_WAIT)
        {
            state = ConnectionState.CLOSED;
            releaseQuietly();
        }
        else
        {
            terminate(CloseReason.NORMAL, EventType.CLOSED); // FIN-WAIT-2 of a fully closed connection
        }
    }

    private void onRetransmitTimeout(final long nowNs)
    {
        if (state == ConnectionState.SYN_SENT || state == ConnectionState.SYN_RECEIVED)
        {
            if (!liveness.onSynTimeout())
            {
                if (passive)
                {
                    releaseQuietly();
                }
                else
                {
                    terminate(CloseReason.CONNECT_TIMED_OUT, EventType.TIMED_OUT);
                }
                return;
            }
            path.rtt().backoff();
            needSyn = true;
            return;
        }
        if (snd.allAcknowledged())
        {
            return;
        }
        final CloseReason giveUp = liveness.onRetransmitTimeout(nowNs);
        if (giveUp != null)
        {
            terminate(giveUp, EventType.TIMED_OUT);
            return;
        }
        counters.timeouts++;
        host.observer().onRetransmissionTimeout(this, nowNs, path.rtt().rtoNs(), liveness.consecutiveTimeouts());
        sender.suspectBlackHole(nowNs);
        // Everything outstanding is presumed lost and is sent again, oldest first, as the window allows.
        recovery.onRetransmissionTimeout(nowNs, snd.max());
        sender.settleMtuProbe(nowNs);
        tellObserver(nowNs);
        timers.cancel(TimerKind.LOSS_DETECTION);
        path.rtt().backoff();
    }

    /** The RACK reordering timer or the tail-loss probe timer (RFC 8985 §6.3, §7.3). */
    private void onLossDetectionTimeout(final long nowNs)
    {
        if (recovery.reorderDeadlineNs() != LossRecovery.NONE)
        {
            recovery.onReorderTimeout(nowNs, snd.max());
            sender.settleMtuProbe(nowNs);
            tellObserver(nowNs);
            sender.armLossDetection(nowNs);
        }
        else if (!snd.allAcknowledged())
        {
            recovery.onProbeTimeout();
        }
    }

    private void onKeepAliveTimeout(final long nowNs)
    {
        if (!state.isSynchronized() || state == ConnectionState.TIME_WAIT)
        {
            return;
        }
        if (!snd.allAcknowledged())
        {
            armKeepAlive(nowNs); // data in flight: the retransmission timer watches the peer
            return;
        }
        final CloseReason giveUp = liveness.onKeepAliveTimeout();
        if (giveUp != null)
        {
            terminate(giveUp, EventType.TIMED_OUT);
            return;
        }
        keepAliveProbeDue = true;
        timers.set(TimerKind.KEEPALIVE, nowNs + config.keepAliveIntervalNs());
    }

    // ------------------------------------------------------------------------------------------
    // Output
    // ------------------------------------------------------------------------------------------

    boolean inSendQueue()
    {
        return inSendQueue;
    }

    void inSendQueue(final boolean value)
    {
        inSendQueue = value;
    }

    /**
     * Writes the next segment this connection wants to send at {@code offset} in {@code dst}.
     *
     * @return the segment's length, or 0 if there is nothing to send now
     */
    int transmit(final long nowNs, final ByteBuffer dst, final int offset)
    {
        transmitTo = remote;
        if (pathValidation.due() && state.isSynchronized())
        {
            return sendPathChallenge(nowNs, dst, offset);
        }
        switch (state)
        {
            case CLOSED:
                return 0;
            case SYN_SENT:
            case SYN_RECEIVED:
                if (needSyn)
                {
                    return sendSyn(nowNs, dst, offset);
                }
                if (acks.due() && state == ConnectionState.SYN_RECEIVED)
                {
                    return emit(nowNs, dst, offset, TcpFlags.ACK, snd.nxt(), 0);
                }
                return 0;
            default:
                break;
        }
        int length = sender.retransmitOldest(nowNs, dst, offset);
        if (length == 0)
        {
            length = sender.sendWindowProbe(nowNs, dst, offset);
        }
        if (length > 0)
        {
            return length;
        }
        if (keepAliveProbeDue)
        {
            keepAliveProbeDue = false;
            counters.keepAliveProbes++;
            return emit(nowNs, dst, offset, TcpFlags.ACK, snd.una() - 1, 0);
        }
        length = sender.sendPaced(nowNs, dst, offset, state);
        if (length > 0)
        {
            return length;
        }
        if (acks.due())
        {
            // SND.NXT of RFC 9293 is the highest sequence sent (sndMax): sndNxt may have gone back
            // for a retransmission, and a pure ACK below the peer's RCV.NXT would be unacceptable.
            return emit(nowNs, dst, offset, TcpFlags.ACK, snd.max(), 0);
        }
        sender.armPersistIfBlocked(nowNs, state);
        return 0;
    }

    /** A path challenge to the address being validated (see {@link PathValidation}). */
    private int sendPathChallenge(final long nowNs, final ByteBuffer dst, final int offset)
    {
        transmitTo = pathValidation.dueTo();
        final int length = writer.writeChallenge(dst, offset, pathValidation.dueToken());
        pathValidation.onChallengeSent(nowNs);
        counters.pathChallenges++;
        return length;
    }

    /** Where the segment {@link #transmit} just wrote is to be sent. */
    InetSocketAddress transmitAddress()
    {
        return transmitTo;
    }

    /**
     * A segment with this connection's ports came from {@code from}, which is not its address: a
     * NAT may have given the peer a new port (or address). If it is plausible (its ACK and sequence
     * numbers fit this connection, which a blind spoofer cannot manage), the address is challenged;
     * if it answers a challenge, the connection moves there and the caller processes the segment.
     * Nothing from an unvalidated address is otherwise processed: no data, no RST, no ACK.
     *
     * @return true if the connection moved to {@code from}
     */
    boolean onSegmentFromNewAddress(final long nowNs, final Segment seg, final InetSocketAddress from,
        final int datagramBytes)
    {
        if (!options.timestamps() || !state.isSynchronized() || state == ConnectionState.TIME_WAIT
            || seg.has(TcpFlags.SYN) || seg.has(TcpFlags.RST) || !seg.has(TcpFlags.ACK) || !plausible(seg))
        {
            return false;
        }
        if (pathValidation.answers(from, seg.hasTimestamps, seg.tsEcr, tsNowMs(nowNs)))
        {
            moveTo(nowNs, from);
            return true;
        }
        // Its answer is due within a round trip (two, to allow for queueing).
        final long answerDueNs = path.rtt().srttNs() > 0 ? Math.max(2 * path.rtt().srttNs(), 10_000_000L) : 200_000_000L;
        pathValidation.onSegmentFrom(nowNs, from, datagramBytes, tsNowMs(nowNs), answerDueNs);
        if (pathValidation.due())
        {
            host.changed(this);
        }
        return false;
    }

    /** ACK within what was sent (and not older than a window), sequence within a window of RCV.NXT. */
    private boolean plausible(final Segment seg)
    {
        return snd.ackPlausible(seg.ack) && rcv.plausible(seg.seq, path.mssDataBytes());
    }

    /**
     * The peer proved it receives at {@code to}: the connection moves there. A new port at the same
     * IP address is the same path (a NAT rebinding) and keeps its congestion state; a new IP address
     * may be a different path, so congestion control and path MTU discovery start over (RFC 9000 §9.4).
     */
    private void moveTo(final long nowNs, final InetSocketAddress to)
    {
        final boolean newPath = !to.getAddress().equals(remote.getAddress());
        remote = to;
        transmitTo = to;
        pathValidation.clear();
        counters.pathMigrations++;
        raise(EventType.PEER_ADDRESS_CHANGED);
        if (newPath)
        {
            path.moveToNewPath(host.pathCeilingBytes(to));
            recovery.configure(options.sack(), path.mssDataBytes());
        }
        host.changed(this);
    }

    private int sendSyn(final long nowNs, final ByteBuffer dst, final int offset)
    {
        needSyn = false;
        if (awaitingAddressValidation() && !amplification.allowsSynAck())
        {
            // The SYN may have come from a spoofed address: answering it again would make this
            // endpoint a reflector. The peer's own retransmitted SYN raises the allowance; the timer
            // still runs, so an unanswered half-open connection expires as before.
            counters.synAcksWithheld++;
            timers.set(TimerKind.RETRANSMIT, nowNs + path.rtt().rtoNs());
            return 0;
        }
        final int flags = state == ConnectionState.SYN_SENT ? TcpFlags.SYN : TcpFlags.SYN | TcpFlags.ACK;
        liveness.onSynSent(nowNs);
        final int length = emit(nowNs, dst, offset, flags, snd.iss(), 0);
        if (awaitingAddressValidation())
        {
            amplification.onSynAckSent(length);
        }
        snd.onSynSent();
        if (liveness.synRetransmitted())
        {
            counters.retransmittedSegments++;
        }
        timers.set(TimerKind.RETRANSMIT, nowNs + path.rtt().rtoNs());
        return length;
    }

    /** Tells the observer of a recovery episode begun or ended, or a new congestion-control state. */
    private void tellObserver(final long nowNs)
    {
        final boolean inRecovery = recovery.inRecovery();
        if (inRecovery != observedRecovery)
        {
            observedRecovery = inRecovery;
            host.observer().onRecovery(this, nowNs, inRecovery);
        }
        final String state = path.congestion().stateName();
        if (state != observedCongestionState)
        {
            final String from = observedCongestionState;
            observedCongestionState = state;
            if (from != null)
            {
                host.observer().onCongestionState(this, nowNs, from, state);
            }
        }
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
            sender.segmentSizeChanged();
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

    /** Writes a segment (see {@link SegmentWriter#write}); a SYN offers everything only when opening. */
    private int emit(final long nowNs, final ByteBuffer dst, final int offset, final int flags, final int seq,
        final int dataLength)
    {
        return writer.write(nowNs, dst, offset, flags, seq, dataLength, state == ConnectionState.SYN_SENT);
    }

    /** After a read: if the window opened enough to matter to the peer, tell it now. */
    private void maybeSendWindowUpdate()
    {
        if (!state.acceptsData())
        {
            return;
        }
        if (rcv.windowUpdateWorthSending(path.mssDataBytes()))
        {
            acks.requestNow();
            host.changed(this);
        }
    }

    private int tsNowMs(final long nowNs)
    {
        return options.tsNowMs(nowNs);
    }

    // ------------------------------------------------------------------------------------------
    // Endings and events
    // ------------------------------------------------------------------------------------------

    private void terminate(final CloseReason reason, final EventType event)
    {
        if (state == ConnectionState.CLOSED)
        {
            return;
        }
        state = ConnectionState.CLOSED;
        closeReason = reason;
        timers.cancelAll();
        if (reason != CloseReason.NORMAL)
        {
            rcv.discard();
        }
        endHalfOpen();
        host.released(this);
        raise(event);
    }

    private void endHalfOpen()
    {
        if (halfOpen)
        {
            halfOpen = false;
            host.halfOpenEnded(this);
        }
    }

    /** Closes without telling the application (TIME-WAIT expiry, a half-open connection that failed). */
    private void releaseQuietly()
    {
        state = ConnectionState.CLOSED;
        if (closeReason == CloseReason.NONE)
        {
            closeReason = CloseReason.NORMAL;
        }
        timers.cancelAll();
        endHalfOpen();
        host.released(this);
    }

    /** Queues an event (see {@link ConnectionEvents}); READABLE no more once the application closed its input. */
    private void raise(final EventType type)
    {
        if (type == EventType.READABLE && inputClosed)
        {
            return;
        }
        final Event event = events.raise(type);
        if (event != null)
        {
            host.queueEvent(event);
        }
    }

    /**
     * Called by the endpoint as it hands the event out.
     *
     * @return false if the event went stale while queued (READABLE after the application closed)
     */
    boolean eventPolled(final Event event)
    {
        events.polled(event);
        return !(event.type() == EventType.READABLE && inputClosed);
    }
}
