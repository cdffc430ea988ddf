package io.rudp.core.connection;

import io.rudp.core.buffer.ReceiveBuffer;
import io.rudp.core.buffer.SeqRangeSet;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;

/**
 * The receiver's side of SACK: which blocks the next ACK reports. Out-of-order islands come from
 * the {@link ReceiveBuffer} (RFC 2018: the most recently changed first); a duplicate that arrived is
 * reported once, as a D-SACK in the first block (RFC 2883), with the island holding it second.
 */
final class SackReporter
{
    private final ReceiveBuffer buffer;
    private boolean dsackPending;
    private int dsackLeft;
    private int dsackRight;

    SackReporter(final ReceiveBuffer buffer)
    {
        this.buffer = buffer;
    }

    /** Whether all of {@code [seq, seq + length)} has arrived before: below RCV.NXT, or inside an island. */
    boolean isDuplicate(final int seq, final int length)
    {
        final int end = seq + length;
        return length > 0 && (SeqNum.le(end, buffer.rcvNxt()) || buffer.outOfOrder().indexCovering(seq, end) >= 0);
    }

    /** Data {@code [seq, seq + length)} is about to be accepted: report the part that arrived before, if any. */
    void onData(final int seq, final int length)
    {
        if (length <= 0)
        {
            return;
        }
        if (SeqNum.lt(seq, buffer.rcvNxt()))
        {
            reportDuplicate(seq, buffer.rcvNxt()); // the part below RCV.NXT had arrived already
        }
        else if (buffer.outOfOrder().indexCovering(seq, seq + length) >= 0)
        {
            reportDuplicate(seq, seq + length); // already held out of order
        }
    }

    /** RFC 2883: tell the sender its segment arrived twice, so it can tell a spurious retransmission. */
    void reportDuplicate(final int left, final int right)
    {
        dsackPending = true;
        dsackLeft = left;
        dsackRight = right;
    }

    boolean hasBlocks()
    {
        return dsackPending || !buffer.outOfOrder().isEmpty();
    }

    /**
     * Adds up to {@code maxBlocks} blocks to {@code seg}: a D-SACK first if a duplicate arrived and
     * the island holding it, else the most recently changed island, then the others.
     */
    void addBlocks(final Segment seg, final int maxBlocks)
    {
        final SeqRangeSet islands = buffer.outOfOrder();
        int first = islands.recentIndex();
        if (dsackPending)
        {
            seg.addSackBlock(dsackLeft, dsackRight);
            dsackPending = false;
            final int covering = islands.indexCovering(dsackLeft, dsackRight);
            first = covering >= 0 ? covering : first;
        }
        if (first >= 0 && seg.sackBlockCount < maxBlocks)
        {
            seg.addSackBlock(islands.start(first), islands.end(first));
        }
        for (int i = islands.size() - 1; i >= 0 && seg.sackBlockCount < maxBlocks; i--)
        {
            if (i != first)
            {
                seg.addSackBlock(islands.start(i), islands.end(i));
            }
        }
    }
}
