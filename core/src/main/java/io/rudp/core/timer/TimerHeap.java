package io.rudp.core.timer;

import java.util.Arrays;

/**
 * An indexed binary min-heap of entries by deadline: the endpoint's answer to "which connection
 * wakes up next" in O(1), with O(log n) updates when a connection's deadline changes. Entries carry
 * their own heap index, so an update needs no search and no allocation.
 */
public final class TimerHeap<E extends TimerHeap.Entry>
{
    /** Something with a deadline that can sit in one {@link TimerHeap}. */
    public interface Entry
    {
        /**
         * {@return the entry's deadline}
         */
        long heapDeadlineNs();

        /**
         * {@return the entry's index in the heap, -1 when not in it}
         */
        int heapIndex();

        /**
         * Where the heap put the entry.
         *
         * @param index the new index, -1 when removed
         */
        void heapIndex(int index);
    }

    private Entry[] heap = new Entry[16];
    /**
     * Each slot's deadline as of the entry's last {@link #update}: the heap is ordered by these, so
     * sifting compares longs in one array instead of asking every entry it passes, and an update
     * that finds the deadline unchanged (the scheduler updates a connection after each of its
     * segments, whether or not its timers moved) writes nothing.
     */
    private long[] keysNs = new long[16];
    private int size;

    /**
     * {@return how many entries the heap holds}
     */
    public int size()
    {
        return size;
    }

    /**
     * The entry with the earliest deadline, or null.
     *
     * @return the entry
     */
    @SuppressWarnings("unchecked")
    public E peek()
    {
        return size == 0 ? null : (E)heap[0];
    }

    /**
     * {@return the earliest deadline, or {@link TimerTable#NONE} when empty}
     */
    public long minDeadlineNs()
    {
        return size == 0 ? TimerTable.NONE : heap[0].heapDeadlineNs();
    }

    /**
     * Inserts, moves or removes {@code entry} after its deadline changed ({@link TimerTable#NONE} removes).
     *
     * @param entry the entry
     */
    public void update(final E entry)
    {
        final int index = entry.heapIndex();
        final long deadlineNs = entry.heapDeadlineNs();
        if (deadlineNs == TimerTable.NONE)
        {
            if (index >= 0)
            {
                removeAt(index);
            }
            return;
        }
        if (index < 0)
        {
            if (size == heap.length)
            {
                heap = Arrays.copyOf(heap, size * 2);
                keysNs = Arrays.copyOf(keysNs, size * 2);
            }
            size++;
            siftUp(size - 1, entry, deadlineNs);
        }
        else if (keysNs[index] != deadlineNs)
        {
            if (index > 0 && Deadlines.before(deadlineNs, keysNs[(index - 1) >>> 1]))
            {
                siftUp(index, entry, deadlineNs);
            }
            else
            {
                siftDown(index, entry, deadlineNs);
            }
        }
    }

    /**
     * Removes {@code entry} if it is in the heap.
     *
     * @param entry the entry
     */
    public void remove(final E entry)
    {
        if (entry.heapIndex() >= 0)
        {
            removeAt(entry.heapIndex());
        }
    }

    private void removeAt(final int index)
    {
        final Entry removed = heap[index];
        size--;
        if (index != size)
        {
            final Entry last = heap[size];
            final long lastKeyNs = keysNs[size];
            heap[size] = null;
            if (index > 0 && Deadlines.before(lastKeyNs, keysNs[(index - 1) >>> 1]))
            {
                siftUp(index, last, lastKeyNs);
            }
            else
            {
                siftDown(index, last, lastKeyNs);
            }
        }
        else
        {
            heap[size] = null;
        }
        removed.heapIndex(-1);
    }

    /** Places {@code e} with key {@code keyNs} at the hole {@code start} or above it. */
    private void siftUp(final int start, final Entry e, final long keyNs)
    {
        int i = start;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!Deadlines.before(keyNs, keysNs[parent]))
            {
                break;
            }
            place(i, heap[parent], keysNs[parent]);
            i = parent;
        }
        place(i, e, keyNs);
    }

    /** Places {@code e} with key {@code keyNs} at the hole {@code start} or below it. */
    private void siftDown(final int start, final Entry e, final long keyNs)
    {
        int i = start;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && Deadlines.before(keysNs[right], keysNs[left]) ? right : left;
            if (!Deadlines.before(keysNs[child], keyNs))
            {
                break;
            }
            place(i, heap[child], keysNs[child]);
            i = child;
        }
        place(i, e, keyNs);
    }

    private void place(final int index, final Entry e, final long keyNs)
    {
        if (heap[index] != e)
        {
            heap[index] = e; // a reference store costs a collector barrier: only when it moves
            e.heapIndex(index);
        }
        keysNs[index] = keyNs;
    }
}
