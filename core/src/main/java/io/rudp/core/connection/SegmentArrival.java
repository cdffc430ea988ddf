package io.rudp.core.connection;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;

/**
 * A segment's arrival at its connection: the checks of RFC 9293 §3.10.7 (Table 6 and the order of
 * §3.10.7.4: sequence, RST, SYN, ACK, text, FIN), hardened by RFC 5961 (challenge ACKs) and RFC 7323
 * (PAWS). What each check changes lives in the parts; this class decides which check runs and what
 * the state machine does with its outcome.
 */
final class SegmentArrival
{
    private final ConnectionHost host;
    private final ConnectionParts parts;
    private final RudpConfig config;
    private final SendSpace snd;
    private final ReceiveSide rcv;
    private final NegotiatedOptions options;
    private final AckPolicy acks;
    private final NetworkPath path;
    private final TimerTable timers;
    private final ConnectionCounters counters;
    private final Lifecycle lifecycle;
    private final PeerAddress peer;
    private final Handshake handshake;
    private final Transmitter transmitter;
    private final Timeouts timeouts;
    private final ObserverReport report;
    private final boolean passive;

    SegmentArrival(final ConnectionHost host, final ConnectionParts parts, final Lifecycle lifecycle,
        final PeerAddress peer, final Handshake handshake, final Transmitter transmitter, final Timeouts timeouts,
        final ObserverReport report, final boolean passive)
    {
        this.host = host;
        this.parts = parts;
        this.config = parts.config;
        this.snd = parts.snd;
        this.rcv = parts.rcv;
        this.options = parts.options;
        this.acks = parts.acks;
        this.path = parts.path;
        this.timers = parts.timers;
        this.counters = parts.counters;
        this.lifecycle = lifecycle;
        this.peer = peer;
        this.handshake = handshake;
        this.transmitter = transmitter;
        this.timeouts = timeouts;
        this.report = report;
        this.passive = passive;
    }

    /** Processes one decoded segment addressed to this connection (RFC 9293 §3.10.7). */
    void onSegment(final long nowNs, final Segment seg)
    {
        counters.segmentsReceived++;
        if (lifecycle.state() == ConnectionState.SYN_SENT)
        {
            onSegmentInSynSent(nowNs, seg);
        }
        else if (lifecycle.state() != ConnectionState.CLOSED)
        {
            onSegmentSynchronizing(nowNs, seg);
        }
    }

    private void onSegmentInSynSent(final long nowNs, final Segment seg)
    {
        final boolean hasAck = seg.has(TcpFlags.ACK);
        if (hasAck && (SeqNum.le(seg.ack, snd.iss()) || snd.acksUnsent(seg.ack)))
        {
            if (!seg.has(TcpFlags.RST))
            {
                peer.sendReset(seg.ack, 0, TcpFlags.RST);
            }
            drop(DropReason.BAD_ACK);
            return;
        }
        if (seg.has(TcpFlags.RST))
        {
            if (hasAck)
            {
                lifecycle.terminate(CloseReason.REFUSED, EventType.RESET);
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
        handshake.acceptPeerSyn(seg);
        snd.initWindow(seg.seq, seg.ack, seg.window);
        acks.requestNow();
        if (!hasAck)
        {
            // Simultaneous open (RFC 9293 §3.5): answer with SYN+ACK and wait for its ACK.
            lifecycle.enter(ConnectionState.SYN_RECEIVED);
            transmitter.requestSyn();
            return;
        }
        handshake.takeSynRttSample(nowNs);
        handshake.onSynAcked(nowNs, seg.ack);
    }

    private void onSegmentSynchronizing(final long nowNs, final Segment seg)
    {
        final boolean rst = seg.has(TcpFlags.RST);
        if (lifecycle.state() == ConnectionState.SYN_RECEIVED && seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK) && seg.seq == rcv.irs())
        {
            transmitter.requestSyn(); // the peer retransmitted its SYN: our SYN+ACK was lost
            return;
        }
        if (lifecycle.state() == ConnectionState.SYN_RECEIVED && seg.has(TcpFlags.SYN) && seg.has(TcpFlags.ACK) && seg.seq == rcv.irs()
            && snd.acksNew(seg.ack))
        {
            // Simultaneous open (RFC 9293 Figure 8): the peer's SYN+ACK acknowledges our SYN.
            acks.requestNow();
            updateSendWindow(seg);
            handshake.onSynAcked(nowNs, seg.ack);
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
                timeouts.onPeerHeard(nowNs);
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
            if (lifecycle.state() == ConnectionState.TIME_WAIT && seg.has(TcpFlags.FIN))
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
        timeouts.onPeerHeard(nowNs);
        if (lifecycle.state() == ConnectionState.SYN_RECEIVED)
        {
            if (!snd.acksNew(seg.ack))
            {
                peer.sendReset(seg.ack, 0, TcpFlags.RST);
                drop(DropReason.BAD_ACK);
                return;
            }
            lifecycle.endHalfOpen();
            updateSendWindow(seg);
            handshake.takeSynRttSample(nowNs);
            handshake.onSynAcked(nowNs, seg.ack);
        }
        if (!processAck(nowNs, seg))
        {
            return;
        }
        if (lifecycle.state() == ConnectionState.CLOSED || lifecycle.state() == ConnectionState.TIME_WAIT && !seg.has(TcpFlags.FIN))
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
        if (lifecycle.state() == ConnectionState.SYN_RECEIVED)
        {
            if (passive)
            {
                lifecycle.releaseQuietly(); // back to LISTEN: the application never saw this connection
            }
            else
            {
                lifecycle.terminate(CloseReason.REFUSED, EventType.RESET);
            }
            return;
        }
        if (lifecycle.state() == ConnectionState.TIME_WAIT)
        {
            lifecycle.releaseQuietly(); // RFC 9293: TIME-WAIT + RST -> CLOSED; the application already saw CLOSED
            return;
        }
        if (lifecycle.state() == ConnectionState.LAST_ACK || lifecycle.state() == ConnectionState.CLOSING)
        {
            lifecycle.terminate(CloseReason.NORMAL, EventType.CLOSED); // both FINs were exchanged
            return;
        }
        lifecycle.terminate(CloseReason.RESET_BY_PEER, EventType.RESET);
    }

    /**
     * The ACK field and window of a segment past the handshake (RFC 9293 §3.10.7.4, fifth check; RFC 5961 §5).
     *
     * @return false if the segment was dropped
     */
    private boolean processAck(final long nowNs, final Segment seg)
    {
        switch (parts.ackReceiver.onAck(nowNs, seg))
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
                    lifecycle.raise(EventType.WRITABLE);
                }
                break;
            default:
                break;
        }
        report.update(nowNs);
        if (snd.finAcked())
        {
            switch (lifecycle.state())
            {
                case FIN_WAIT_1:
                    lifecycle.enter(ConnectionState.FIN_WAIT_2);
                    if (lifecycle.inputClosed())
                    {
                        timers.set(TimerKind.CLOSE, nowNs + config.finWait2TimeoutNs());
                    }
                    break;
                case CLOSING:
                    lifecycle.enterTimeWait(nowNs);
                    break;
                case LAST_ACK:
                    lifecycle.terminate(CloseReason.NORMAL, EventType.CLOSED);
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
        if (!lifecycle.state().acceptsData())
        {
            return true; // the peer already sent FIN: later data is a duplicate
        }
        if (lifecycle.inputClosed())
        {
            // RFC 9293 §3.6.1: data for an application that closed its input gets a RST.
            peer.sendReset(snd.max(), rcv.rcvNxt(), TcpFlags.RST | TcpFlags.ACK);
            lifecycle.terminate(CloseReason.ABORTED, EventType.CLOSED);
            return false;
        }
        final int rcvNxtBefore = rcv.rcvNxt();
        final boolean hadOutOfOrder = rcv.buffer().hasOutOfOrder();
        if (options.sack())
        {
            rcv.noteArrival(seg);
        }
        rcv.autotune(nowNs, options.echoedTimestampAgeMs(nowNs, seg), counters.bytesRead, path.rtt().srttNs());
        parts.pruneIfOverShare();
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
            lifecycle.raise(EventType.READABLE);
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
                if (lifecycle.state() == ConnectionState.TIME_WAIT)
                {
                    timers.set(TimerKind.CLOSE, nowNs + config.timeWaitNs()); // retransmitted FIN restarts 2 MSL
                }
                return;
            case PENDING:
                return; // out of order: processed when the bytes before it arrive
            default:
                break;
        }
        lifecycle.raise(EventType.READABLE);
        lifecycle.raise(EventType.PEER_CLOSED);
        switch (lifecycle.state())
        {
            case ESTABLISHED:
                lifecycle.enter(ConnectionState.CLOSE_WAIT);
                break;
            case FIN_WAIT_1:
                if (snd.finAcked())
                {
                    lifecycle.enterTimeWait(nowNs);
                }
                else
                {
                    lifecycle.enter(ConnectionState.CLOSING);
                }
                break;
            case FIN_WAIT_2:
                lifecycle.enterTimeWait(nowNs);
                break;
            default:
                break;
        }
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
        if (lifecycle.state() != ConnectionState.TIME_WAIT)
        {
            return false;
        }
        if (options.timestamps() && syn.hasTimestamps)
        {
            return options.newerThanTsRecent(syn.tsVal);
        }
        return SeqNum.gt(syn.seq, rcv.rcvNxt());
    }

    private void drop(final DropReason reason)
    {
        counters.drops.increment(reason);
        host.dropped(reason);
    }
}
