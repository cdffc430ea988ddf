package io.rudp.core.connection;

import io.rudp.core.codec.TcpFlags;
import io.rudp.core.timer.TimerKind;

import java.nio.ByteBuffer;

/**
 * The connection's output, in order of precedence: a path challenge, the SYN (or SYN+ACK), a
 * retransmission, a window probe, a keepalive probe, new data as the window and pacer allow, and
 * last a pure ACK. Other handlers ask for a SYN or a keepalive probe; the data itself is
 * {@link DataSender}'s and the writing {@link SegmentWriter}'s.
 */
final class Transmitter
{
    private final ConnectionParts parts;
    private final Lifecycle lifecycle;
    private final PeerAddress peer;
    private final boolean passive;
    /** Bytes to the peer's address before it is validated (a passive open's SYN+ACKs). */
    private final AmplificationLimit amplification = new AmplificationLimit();
    private boolean synDue;
    private boolean keepAliveProbeDue;

    Transmitter(final ConnectionParts parts, final Lifecycle lifecycle, final PeerAddress peer, final boolean passive)
    {
        this.parts = parts;
        this.lifecycle = lifecycle;
        this.peer = peer;
        this.passive = passive;
    }

    /** The SYN (or SYN+ACK) is to be sent, or sent again. */
    void requestSyn()
    {
        synDue = true;
    }

    void requestKeepAliveProbe()
    {
        keepAliveProbeDue = true;
    }

    /**
     * Whether the peer's address is still unproven: a passive open whose SYN+ACK the peer has not
     * acknowledged. Until then the connection sends it at most {@link AmplificationLimit#FACTOR} times
     * the bytes it received from it (RFC 9000 §8.1's rule, applied to the handshake).
     */
    boolean awaitingAddressValidation()
    {
        return passive && lifecycle.state() == ConnectionState.SYN_RECEIVED;
    }

    /** A datagram of {@code bytes} arrived from a peer whose address is not validated yet. */
    void onUnvalidatedDatagram(final int bytes)
    {
        amplification.onReceived(bytes);
    }

    /**
     * Writes the next segment the connection wants to send at {@code offset} in {@code dst}.
     *
     * @return the segment's length, or 0 if there is nothing to send now
     */
    int transmit(final long nowNs, final ByteBuffer dst, final int offset)
    {
        final ConnectionState state = lifecycle.state();
        peer.aimAtPeer();
        if (peer.challengeDue() && state.isSynchronized())
        {
            return peer.writeChallenge(nowNs, dst, offset);
        }
        switch (state)
        {
            case CLOSED:
                return 0;
            case SYN_SENT:
            case SYN_RECEIVED:
                if (synDue)
                {
                    return sendSyn(nowNs, dst, offset);
                }
                if (parts.acks.due() && state == ConnectionState.SYN_RECEIVED)
                {
                    return emit(nowNs, dst, offset, TcpFlags.ACK, parts.snd.nxt());
                }
                return 0;
            default:
                break;
        }
        final DataSender sender = parts.sender;
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
            parts.counters.keepAliveProbes++;
            return emit(nowNs, dst, offset, TcpFlags.ACK, parts.snd.una() - 1);
        }
        length = sender.sendPaced(nowNs, dst, offset, state);
        if (length > 0)
        {
            return length;
        }
        if (parts.acks.due())
        {
            // SND.NXT of RFC 9293 is the highest sequence sent (sndMax): sndNxt may have gone back
            // for a retransmission, and a pure ACK below the peer's RCV.NXT would be unacceptable.
            return emit(nowNs, dst, offset, TcpFlags.ACK, parts.snd.max());
        }
        sender.armPersistIfBlocked(nowNs, state);
        return 0;
    }

    private int sendSyn(final long nowNs, final ByteBuffer dst, final int offset)
    {
        synDue = false;
        if (awaitingAddressValidation() && !amplification.allowsSynAck())
        {
            // The SYN may have come from a spoofed address: answering it again would make this
            // endpoint a reflector. The peer's own retransmitted SYN raises the allowance; the timer
            // still runs, so an unanswered half-open connection expires as before.
            parts.counters.synAcksWithheld++;
            parts.timers.set(TimerKind.RETRANSMIT, nowNs + parts.path.rtt().rtoNs());
            return 0;
        }
        final int flags = lifecycle.state() == ConnectionState.SYN_SENT ? TcpFlags.SYN : TcpFlags.SYN | TcpFlags.ACK;
        parts.liveness.onSynSent(nowNs);
        final int length = emit(nowNs, dst, offset, flags, parts.snd.iss());
        if (awaitingAddressValidation())
        {
            amplification.onSynAckSent(length);
        }
        parts.snd.onSynSent();
        if (parts.liveness.synRetransmitted())
        {
            parts.counters.retransmittedSegments++;
        }
        parts.timers.set(TimerKind.RETRANSMIT, nowNs + parts.path.rtt().rtoNs());
        return length;
    }

    /** Writes a segment without data (see {@link SegmentWriter#write}); a SYN offers everything only when opening. */
    private int emit(final long nowNs, final ByteBuffer dst, final int offset, final int flags, final int seq)
    {
        return parts.writer.write(nowNs, dst, offset, flags, seq, 0, lifecycle.state() == ConnectionState.SYN_SENT);
    }
}
