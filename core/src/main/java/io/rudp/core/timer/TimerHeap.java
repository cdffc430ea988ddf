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
        if (entry.heapDeadlineNs() == TimerTable.NONE)
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
            }
            heap[size] = entry;
            entry.heapIndex(size);
            size++;
            siftUp(size - 1);
        }
        else
        {
            siftUp(index);
            siftDown(entry.heapIndex());
        }
    }

    /**
     * Removes an entry (nothing if it is not in the heap).
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
            heap[index] = heap[size];
            heap[index].heapIndex(index);
            heap[size] = null;
            siftUp(index);
            siftDown(heap[index].heapIndex());
        }
        else
        {
            heap[size] = null;
        }
        removed.heapIndex(-1);
    }

    private void siftUp(final int start)
    {
        int i = start;
        final Entry e = heap[i];
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!Deadlines.before(e.heapDeadlineNs(), heap[parent].heapDeadlineNs()))
            {
                break;
            }
            heap[i] = heap[parent];
            heap[i].heapIndex(i);
            i = parent;
        }
        heap[i] = e;
        e.heapIndex(i);
    }

    private void siftDown(final int start)
    {
        int i = start;
        final Entry e = heap[i];
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && Deadlines.before(heap[right].heapDeadlineNs(), heap[left].heapDeadlineNs())
                ? right : left;
            if (!Deadlines.before(heap[child].heapDeadlineNs(), e.heapDeadlineNs()))
            {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex(i);
            i = child;
        }
        heap[i] = e;
        e.heapIndex(i);
    }
}
