package io.rudp.core.buffer;

import java.nio.ByteBuffer;

/**
 * A ring of bytes addressed by offset from its head, growing by doubling up to a fixed maximum.
 *
 * <p>Buffers start small and grow on demand so that ten thousand idle connections cost kilobytes, not
 * the megabytes their configured maximum would; once grown, a busy connection allocates nothing.
 */
final class ByteRing
{
    private static final int INITIAL_CAPACITY = 4096;

    private final int maxCapacity;
    /** Where growth is paid from: the connection's share of its loop's {@link MemoryBudget}. */
    private final MemoryBudget.Account account;
    private byte[] bytes;
    private int mask;
    private int head;

    ByteRing(final int maxCapacityBytes, final MemoryBudget.Account account)
    {
        if (maxCapacityBytes <= 0)
        {
            throw new IllegalArgumentException("buffer size must be positive: " + maxCapacityBytes);
        }
        this.maxCapacity = maxCapacityBytes;
        this.account = account;
        final int initial = Math.min(INITIAL_CAPACITY, ceilPowerOfTwo(maxCapacityBytes));
        account.grow(initial);
        this.bytes = new byte[initial];
        this.mask = initial - 1;
    }

    int maxCapacity()
    {
        return maxCapacity;
    }

    /** Bytes currently allocated, for memory accounting. */
    int allocatedBytes()
    {
        return bytes.length;
    }

    /**
     * Makes room for offsets below {@code required}, paying for growth from the account (see
     * {@link MemoryBudget.Account#tryGrow}).
     *
     * @return false if the budget refused the growth (nothing changed)
     */
    boolean reserve(final int required, final boolean promised, final boolean outOfOrder)
    {
        if (required <= bytes.length)
        {
            return true;
        }
        final int newCapacity = ceilPowerOfTwo(required);
        if (!account.tryGrow(newCapacity - bytes.length, promised, outOfOrder))
        {
            return false;
        }
        resize(newCapacity);
        return true;
    }

    /**
     * Gives memory back: shrinks to the smallest capacity that still holds offsets below
     * {@code keepBytes} (at least the initial size).
     */
    void shrinkTo(final int keepBytes)
    {
        final int newCapacity = Math.max(Math.min(INITIAL_CAPACITY, bytes.length), ceilPowerOfTwo(Math.max(1, keepBytes)));
        if (newCapacity < bytes.length)
        {
            account.shrink(bytes.length - newCapacity);
            resize(newCapacity);
        }
    }

    /**
     * Copies {@code length} bytes from {@code src} (absolute index {@code srcIndex}) to ring offset
     * {@code offset}. The caller has {@link #reserve reserved} {@code offset + length} bytes.
     */
    void put(final int offset, final ByteBuffer src, final int srcIndex, final int length)
    {
        if (offset + length > bytes.length)
        {
            throw new IllegalStateException("put past the reserved capacity: " + (offset + length) + " > " + bytes.length);
        }
        int done = 0;
        while (done < length)
        {
            final int at = (head + offset + done) & mask;
            final int chunk = Math.min(length - done, bytes.length - at);
            src.get(srcIndex + done, bytes, at, chunk);
            done += chunk;
        }
    }

    /** Copies {@code length} bytes from ring offset {@code offset} into {@code dst} at absolute {@code dstIndex}. */
    void get(final int offset, final ByteBuffer dst, final int dstIndex, final int length)
    {
        int done = 0;
        while (done < length)
        {
            final int at = (head + offset + done) & mask;
            final int chunk = Math.min(length - done, bytes.length - at);
            dst.put(dstIndex + done, bytes, at, chunk);
            done += chunk;
        }
    }

    /** Drops {@code length} bytes from the head: offset {@code length} becomes offset 0. */
    void advance(final int length)
    {
        head = (head + length) & mask;
    }

    private void resize(final int newCapacity)
    {
        final byte[] resized = new byte[newCapacity];
        // Unwrap: logical offsets 0..n-1 land at the same offsets from a head of 0 (when shrinking,
        // only the offsets below the new capacity are kept: the caller has discarded the rest).
        final int keep = Math.min(bytes.length, newCapacity);
        final int firstChunk = Math.min(keep, bytes.length - head);
        System.arraycopy(bytes, head, resized, 0, firstChunk);
        System.arraycopy(bytes, 0, resized, firstChunk, keep - firstChunk);
        bytes = resized;
        mask = newCapacity - 1;
        head = 0;
    }

    private static int ceilPowerOfTwo(final int value)
    {
        return value <= 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
    }
}
