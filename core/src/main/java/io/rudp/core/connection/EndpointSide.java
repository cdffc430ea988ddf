package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.timer.TimerHeap;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connection as its endpoint drives it: the calls only the endpoint makes (opening, a segment's
 * arrival, the timers, the next segment to send, the event hand-out) and the endpoint's bookkeeping
 * (its place in the timer heap and the send queue). Kept apart from {@link Connection}'s public API
 * the way Netty keeps a channel's transport-only operations behind {@code Channel.Unsafe}.
 */
final class EndpointSide implements TimerHeap.Entry
{
    private final Connection owner;
    private final ConnectionHost host;
    private final ConnectionParts parts;
    private final Lifecycle lifecycle;
    private final PeerAddress peer;
    private final Handshake handshake;
    private final SegmentArrival arrival;
    private final Timeouts timeouts;
    private final Transmitter transmitter;
    private int heapIndex = -1;
    private boolean inSendQueue;

    EndpointSide(final Connection owner, final ConnectionHost host, final ConnectionParts parts,
        final Lifecycle lifecycle, final PeerAddress peer, final Handshake handshake, final SegmentArrival arrival,
        final Timeouts timeouts, final Transmitter transmitter)
    {
        this.owner = owner;
        this.host = host;
        this.parts = parts;
        this.lifecycle = lifecycle;
        this.peer = peer;
        this.handshake = handshake;
        this.arrival = arrival;
        this.timeouts = timeouts;
        this.transmitter = transmitter;
    }

    // ------------------------------------------------------------------------------------------
    // Opening
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
    // Input, timers and output
    // ------------------------------------------------------------------------------------------

    /** Processes one decoded segment addressed to this connection (see {@link SegmentArrival}). */
    void onSegment(final long nowNs, final Segment seg)
    {
        arrival.onSegment(nowNs, seg);
        host.changed(owner);
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
            host.changed(owner);
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
        host.changed(owner);
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

    /** {@return the connection this is the endpoint's side of} */
    Connection connection()
    {
        return owner;
    }

    @Override
    public long heapDeadlineNs()
    {
        return parts.timers.nextDeadlineNs();
    }

    @Override
    public int heapIndex()
    {
        return heapIndex;
    }

    @Override
    public void heapIndex(final int value)
    {
        heapIndex = value;
    }

    /** The connection is gone: its buffers' memory returns to the budget. */
    void releaseMemory()
    {
        parts.memory.close();
    }
}
