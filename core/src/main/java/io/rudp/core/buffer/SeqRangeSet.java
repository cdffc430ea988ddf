package io.rudp.core.buffer;

import io.rudp.core.codec.SeqNum;

/**
 * A bounded, sorted set of disjoint sequence ranges {@code [start, end)}, merged on insert. It records
 * which out-of-order bytes the receiver holds, and is the source of the SACK blocks it reports.
 *
 * <p>Ranges live in two parallel int arrays that start small and double on demand up to a fixed
 * bound: the bound keeps a hostile peer from making the receiver allocate without limit, and
 * starting small keeps an idle connection cheap.
 */
public final class SeqRangeSet
{
    private static final int INITIAL_CAPACITY = 8;

    private final int maxRanges;
    private int[] starts;
    private int[] ends;
    private int count;
    /** Index of the range that holds the most recently added bytes (the first SACK block), or -1. */
    private int recentIndex = -1;

    /**
     * An empty set that keeps at most {@code maxRanges} ranges.
     *
     * @param maxRanges the most ranges kept
     */
    public SeqRangeSet(final int maxRanges)
    {
        this.maxRanges = maxRanges;
        starts = new int[Math.min(INITIAL_CAPACITY, maxRanges)];
        ends = new int[starts.length];
    }

    /**
     * {@return how many ranges the set holds}
     */
    public int size()
    {
        return count;
    }

    /**
     * {@return whether the set holds no range}
     */
    public boolean isEmpty()
    {
        return count == 0;
    }

    /**
     * The start of a range.
     *
     * @param index 0 to {@link #size()} - 1
     * @return its first sequence number
     */
    public int start(final int index)
    {
        return starts[index];
    }

    /**
     * The end of a range.
     *
     * @param index 0 to {@link #size()} - 1
     * @return the sequence number after the range's last
     */
    public int end(final int index)
    {
        return ends[index];
    }

    /**
     * Removes every range.
     */
    public void clear()
    {
        count = 0;
        recentIndex = -1;
    }

    /**
     * Adds {@code [start, end)}, merging with every range it touches or overlaps.
     *
     * @return false if it would need a new range and the set is full (nothing changed)
     *
     * @param start the range's first sequence number
     * @param end the sequence number after its last
     */
    public boolean add(final int start, final int end)
    {
        int newStart = start;
        int newEnd = end;
        int first = firstEndingAtOrAfter(newStart);
        int last = first;
        while (last < count && SeqNum.le(starts[last], newEnd))
        {
            newStart = SeqNum.min(newStart, starts[last]);
            newEnd = SeqNum.max(newEnd, ends[last]);
            last++;
        }
        final int merged = last - first;
        if (merged == 0 && count == starts.length)
        {
            if (count == maxRanges)
            {
                return false;
            }
            starts = java.util.Arrays.copyOf(starts, Math.min(maxRanges, count * 2));
            ends = java.util.Arrays.copyOf(ends, starts.length);
        }
        final int shift = 1 - merged;
        if (shift != 0)
        {
            System.arraycopy(starts, last, starts, last + shift, count - last);
            System.arraycopy(ends, last, ends, last + shift, count - last);
        }
        starts[first] = newStart;
        ends[first] = newEnd;
        count += shift;
        recentIndex = first;
        return true;
    }

    /**
     * The index of the range that holds all of {@code [start, end)}, or -1.
     *
     * @param start the first sequence number
     * @param end the sequence number after the last
     * @return the index of the range, or -1
     */
    public int indexCovering(final int start, final int end)
    {
        final int i = firstEndingAtOrAfter(end);
        return i < count && SeqNum.le(starts[i], start) ? i : -1;
    }

    /** Binary search: the index of the first range ending at or after {@code seq} (or {@link #size()}). */
    private int firstEndingAtOrAfter(final int seq)
    {
        int lo = 0;
        int hi = count;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (SeqNum.lt(ends[mid], seq))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Removes every range (or part of one) that lies below {@code seq}.
     *
     * @param seq the sequence number below which nothing is kept
     */
    public void removeBelow(final int seq)
    {
        int drop = 0;
        while (drop < count && SeqNum.le(ends[drop], seq))
        {
            drop++;
        }
        if (drop > 0)
        {
            System.arraycopy(starts, drop, starts, 0, count - drop);
            System.arraycopy(ends, drop, ends, 0, count - drop);
            count -= drop;
            recentIndex = recentIndex >= drop ? recentIndex - drop : -1;
        }
        if (count > 0 && SeqNum.lt(starts[0], seq))
        {
            starts[0] = seq;
        }
    }

    /**
     * The range holding the most recently added bytes, or -1 if it has since been removed.
     *
     * @return the index, or -1
     */
    public int recentIndex()
    {
        return recentIndex;
    }
}
