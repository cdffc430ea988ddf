package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;

/**
 * The last {@value #SIZE} retransmitted ranges, so that a D-SACK (RFC 2883) can tell a needless
 * retransmission (RFC 3708) from a duplicate the network made. Each range counts once: a second
 * report of the same duplicate finds it forgotten.
 */
final class RecentRetransmissions
{
    static final int SIZE = 64;

    private final int[] start = new int[SIZE];
    private final int[] end = new int[SIZE];
    private int next;

    /** {@code [from, to)} was sent again. */
    void add(final int from, final int to)
    {
        start[next] = from;
        end[next] = to;
        next = (next + 1) % SIZE;
    }

    /** {@return whether {@code [left, right)} overlaps a recent retransmission, which is then forgotten} */
    boolean take(final int left, final int right)
    {
        if (!SeqNum.lt(left, right))
        {
            return false;
        }
        for (int i = 0; i < SIZE; i++)
        {
            if (start[i] != end[i] && SeqNum.lt(left, end[i]) && SeqNum.gt(right, start[i]))
            {
                start[i] = 0;
                end[i] = 0;
                return true;
            }
        }
        return false;
    }

    /** RFC 2883 §4: the first block reports a duplicate if it lies below the ACK or inside the second block. */
    static boolean isDsack(final Segment seg, final int ack)
    {
        final int left = seg.sackLeft[0];
        final int right = seg.sackRight[0];
        if (SeqNum.le(right, ack))
        {
            return true;
        }
        return seg.sackBlockCount > 1 && SeqNum.ge(left, seg.sackLeft[1]) && SeqNum.le(right, seg.sackRight[1]);
    }
}
