package io.rudp.nio;

import java.nio.ByteBuffer;

/**
 * A bounded byte queue between exactly one producer thread and one consumer thread, without locks:
 * the producer only moves {@code tail}, the consumer only moves {@code head}, and each publishes its
 * counter with a volatile write after touching the bytes (so the other side sees the bytes first).
 *
 * <p>Contiguous regions are exposed through one reused {@link ByteBuffer} view per side, so moving
 * bytes allocates nothing. Connections create their rings on first use (and publish them through a
 * volatile field), so idle connections cost no ring memory.
 */
final class SpscByteRing
{
    private final int capacity;
    private final byte[] bytes;
    private final ByteBuffer producerView;
    private final ByteBuffer consumerView;
    private volatile long head;
    private volatile long tail;

    SpscByteRing(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.bytes = new byte[capacity];
        this.producerView = ByteBuffer.wrap(bytes);
        this.consumerView = ByteBuffer.wrap(bytes);
    }

    int capacity()
    {
        return capacity;
    }

    /** Bytes queued (a snapshot: may only grow from the consumer's view, only shrink from the producer's). */
    int size()
    {
        return (int)(tail - head);
    }

    int freeBytes()
    {
        return capacity - size();
    }

    boolean isEmpty()
    {
        return tail == head;
    }

    /** Producer: copies as much of {@code src} as fits, advancing its position; returns the count. */
    int offer(final ByteBuffer src)
    {
        final long t = tail;
        final int free = capacity - (int)(t - head);
        int n = Math.min(free, src.remaining());
        final int total = n;
        int at = (int)(t & (capacity - 1));
        while (n > 0)
        {
            final int chunk = Math.min(n, capacity - at);
            src.get(bytes, at, chunk);
            n -= chunk;
            at = 0;
        }
        if (total > 0)
        {
            tail = t + total;
        }
        return total;
    }

    /**
     * Producer: a view of the largest contiguous free region (position..limit), for filling in place.
     * Call {@link #producerCommit} with how many bytes were written.
     */
    ByteBuffer producerRegion()
    {
        final long t = tail;
        final int free = capacity - (int)(t - head);
        final int at = (int)(t & (capacity - 1));
        final int contiguous = Math.min(free, capacity - at);
        producerView.limit(at + contiguous).position(at);
        return producerView;
    }

    void producerCommit(final int count)
    {
        tail = tail + count;
    }

    /** Consumer: copies up to {@code dst.remaining()} bytes into {@code dst}; returns the count. */
    int poll(final ByteBuffer dst)
    {
        final long h = head;
        final int available = (int)(tail - h);
        int n = Math.min(available, dst.remaining());
        final int total = n;
        int at = (int)(h & (capacity - 1));
        while (n > 0)
        {
            final int chunk = Math.min(n, capacity - at);
            dst.put(bytes, at, chunk);
            n -= chunk;
            at = 0;
        }
        if (total > 0)
        {
            head = h + total;
        }
        return total;
    }

    /** Consumer: a view of the largest contiguous readable region; then {@link #consumerCommit}. */
    ByteBuffer consumerRegion()
    {
        final long h = head;
        final int available = (int)(tail - h);
        final int at = (int)(h & (capacity - 1));
        final int contiguous = Math.min(available, capacity - at);
        consumerView.limit(at + contiguous).position(at);
        return consumerView;
    }

    void consumerCommit(final int count)
    {
        head = head + count;
    }
}
