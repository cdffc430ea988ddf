package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.timer.TimerKind;

/**
 * The three ways a connection opens (active, passive from a SYN, passive from a SYN cookie's ACK)
 * and the moment it becomes ESTABLISHED: the options negotiated from the peer's SYN, the handshake's
 * RTT sample and the RTO that follows it.
 */
final class Handshake
{
    /** RFC 6298 (5.7): RTO once data flows, when the SYN had to be retransmitted. */
    static final long RTO_AFTER_SYN_TIMEOUT_NS = 3_000_000_000L;

    private final ConnectionParts parts;
    private final Lifecycle lifecycle;
    private final Transmitter transmitter;
    private final Timeouts timeouts;

    Handshake(final ConnectionParts parts, final Lifecycle lifecycle, final Transmitter transmitter,
        final Timeouts timeouts)
    {
        this.parts = parts;
        this.lifecycle = lifecycle;
        this.transmitter = transmitter;
        this.timeouts = timeouts;
    }

    /** Active open: SYN-SENT, with a SYN to send. */
    void openActive()
    {
        lifecycle.enter(ConnectionState.SYN_SENT);
        transmitter.requestSyn();
        parts.path.startActive();
        parts.recovery.configure(false, parts.path.mssDataBytes());
    }

    /** Passive open from a listener's SYN: SYN-RECEIVED, with a SYN+ACK to send. */
    void openPassive(final Segment syn)
    {
        lifecycle.enter(ConnectionState.SYN_RECEIVED);
        lifecycle.beginHalfOpen();
        acceptPeerSyn(syn);
        parts.snd.initWindow(syn.seq, parts.snd.iss(), syn.window);
        transmitter.requestSyn();
    }

    /** See {@link Connection#openFromSynCookie}. */
    void openFromSynCookie(final int peerIsn, final int peerMss, final int advertisedWindow, final int peerWindowScale,
        final boolean peerSackPermitted, final Segment ack)
    {
        lifecycle.enter(ConnectionState.SYN_RECEIVED);
        parts.options.negotiate(peerWindowScale, peerSackPermitted, ack.hasTimestamps, ack.tsVal);
        parts.rcv.init(peerIsn, advertisedWindow, parts.options.receiveShift());
        parts.acks.init(peerIsn + 1);
        parts.path.startWithPeerMss(peerMss);
        parts.recovery.configure(parts.options.sack(), parts.path.mssDataBytes());
        parts.snd.onSynSent(); // statelessly, as a cookie
        parts.snd.initWindow(peerIsn, parts.snd.iss(), 0);
    }

    /** Records the peer's ISN and negotiates options from its SYN (or SYN+ACK). */
    void acceptPeerSyn(final Segment syn)
    {
        parts.options.negotiate(syn.windowScale, syn.sackPermitted, syn.hasTimestamps, syn.tsVal);
        parts.rcv.init(syn.seq, 0, parts.options.receiveShift());
        parts.acks.init(syn.seq + 1);
        parts.path.startWithPeerMss(syn.mss >= 0 ? syn.mss : NetworkPath.DEFAULT_PEER_MSS);
        parts.recovery.configure(parts.options.sack(), parts.path.mssDataBytes());
    }

    /** The handshake's round trip, unless the SYN was sent more than once (Karn). */
    void takeSynRttSample(final long nowNs)
    {
        final long sampleNs = parts.liveness.synRttSampleNs(nowNs);
        if (sampleNs >= 0)
        {
            parts.path.rtt().onSample(sampleNs);
        }
    }

    /** Our SYN was acknowledged: the connection is ESTABLISHED. */
    void onSynAcked(final long nowNs, final int ack)
    {
        parts.snd.onSynAcked(ack);
        if (parts.liveness.synRetransmitted())
        {
            parts.path.rtt().resetAfterSynTimeout(RTO_AFTER_SYN_TIMEOUT_NS);
        }
        parts.timers.cancel(TimerKind.RETRANSMIT);
        lifecycle.enter(ConnectionState.ESTABLISHED);
        // The SYN+ACK (or the ACK of ours) is the peer heard: the idle timeout and keepalives count
        // from now. An active open hears nothing else before ESTABLISHED, so without this a peer
        // that vanished right after the handshake would never time out an idle connection.
        timeouts.onPeerHeard(nowNs);
        if (parts.snd.finQueued())
        {
            lifecycle.enter(ConnectionState.FIN_WAIT_1);
        }
        lifecycle.raise(EventType.CONNECTED);
    }
}
