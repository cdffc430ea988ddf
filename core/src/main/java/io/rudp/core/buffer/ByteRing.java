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
    private byte[] bytes;
    private int mask;
    private int head;

    ByteRing(final int maxCapacityBytes)
    {
        if (maxCapacityBytes <= 0)
        {
            throw new IllegalArgumentException("buffer size must be positive: " + maxCapacityBytes);
        }
        this.maxCapacity = maxCapacityBytes;
        final int initial = Math.min(INITIAL_CAPACITY, ceilPowerOfTwo(maxCapacityBytes));
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
     * Copies {@code length} bytes from {@code src} (absolute index {@code srcIndex}) to ring offset
     * {@code offset}. The caller guarantees {@code offset + length <= maxCapacity}.
     */
    void put(final int offset, final ByteBuffer src, final int srcIndex, final int length)
    {
        ensureCapacity(offset + length);
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

    private void ensureCapacity(final int required)
    {
        if (required <= bytes.length)
        {
            return;
        }
        final int newCapacity = ceilPowerOfTwo(required);
        final byte[] grown = new byte[newCapacity];
        // Unwrap: the old logical offsets 0..capacity-1 land at the same offsets from a head of 0.
        final int firstChunk = bytes.length - head;
        System.arraycopy(bytes, head, grown, 0, firstChunk);
        System.arraycopy(bytes, 0, grown, firstChunk, head);
        bytes = grown;
        mask = newCapacity - 1;
        head = 0;
    }

    private static int ceilPowerOfTwo(final int value)
    {
        return value <= 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
    }
}
