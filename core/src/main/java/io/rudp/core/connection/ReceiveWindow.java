package io.rudp.core.connection;

import io.rudp.core.buffer.ReceiveBuffer;
import io.rudp.core.codec.SeqNum;

/**
 * What the receiver offers the peer: the right edge of the window it has advertised (RCV.NXT plus
 * RCV.WND, which never moves left), the window field that goes in each segment, with receiver-side
 * silly-window avoidance (RFC 9293 §3.8.6.2.2), and when a read has opened enough room to be worth
 * a window update. The bytes themselves live in the {@link ReceiveBuffer}.
 */
final class ReceiveWindow
{
    private final ReceiveBuffer buffer;
    /** RCV.NXT + the window last advertised: the right edge the peer may fill. */
    private int advertisedEdge;
    /** Our window scale (RFC 7323), 0 until the handshake negotiates one. */
    private int shift;
    /** The largest RCV.WND ever offered: how far behind RCV.NXT the peer's unacknowledged data may start. */
    private int maxOfferedBytes;

    ReceiveWindow(final ReceiveBuffer buffer)
    {
        this.buffer = buffer;
    }

    /** Sets the edge when the peer's ISN is known (or from a SYN cookie's window). */
    void init(final int edge)
    {
        advertisedEdge = edge;
    }

    void shift(final int windowShift)
    {
        shift = windowShift;
    }

    /** RCV.WND as the peer was told it: from RCV.NXT to the advertised edge. */
    int offeredBytes()
    {
        return Math.max(0, SeqNum.diff(advertisedEdge, buffer.rcvNxt()));
    }

    /**
     * The window field of the next segment. On a SYN, unscaled and at most 65,535; afterwards the
     * right edge moves only by at least min(buffer / 2, one segment), so the peer is not invited to
     * send slivers.
     */
    int field(final boolean syn, final int mssBytes)
    {
        final int rcvNxt = buffer.rcvNxt();
        final int available = buffer.window();
        if (syn)
        {
            final int window = Math.min(available, 0xFFFF);
            advertisedEdge = rcvNxt + window;
            maxOfferedBytes = Math.max(maxOfferedBytes, window);
            return window;
        }
        final int offered = offeredBytes();
        final int threshold = Math.min(buffer.capacity() / 2, mssBytes);
        final int window = available - offered >= threshold ? available : Math.min(offered, available);
        final int field = Math.min(window >> shift, 0xFFFF);
        advertisedEdge = SeqNum.max(advertisedEdge, rcvNxt + (field << shift));
        maxOfferedBytes = Math.max(maxOfferedBytes, offeredBytes());
        return field;
    }

    /**
     * The largest window ever offered. The peer may have sent all of one before any ACK reached it,
     * so its oldest unacknowledged byte (what it resends first) can lie this far behind RCV.NXT.
     */
    int maxOfferedBytes()
    {
        return maxOfferedBytes;
    }

    /** After a read: whether the window opened by enough (min(buffer / 2, two segments)) to tell the peer now. */
    boolean updateWorthSending(final int mssBytes)
    {
        final int threshold = Math.min(buffer.capacity() / 2, 2 * mssBytes);
        final long advertisable = Math.min(buffer.window(), 0xFFFFL << shift);
        return advertisable - offeredBytes() >= threshold;
    }
}
