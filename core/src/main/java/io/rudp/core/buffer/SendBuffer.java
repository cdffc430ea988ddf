package io.rudp.core.buffer;

import java.nio.ByteBuffer;

/**
 * Bytes the application has written and the peer has not yet acknowledged: unacknowledged bytes
 * first (from SND.UNA), then bytes not yet sent. Bounded by the configured send buffer size, which is
 * what gives {@code write} its backpressure.
 */
public final class SendBuffer
{
    private final ByteRing ring;
    private int length;
    /** The size in force: autotuning moves it with the congestion window, up to the ring's maximum. */
    private int limitBytes;

    /**
     * A send buffer with no shared budget.
     *
     * @param maxBytes the most it may hold
     */
    public SendBuffer(final int maxBytes)
    {
        this(maxBytes, MemoryBudget.unlimited().open());
    }

    /**
     * A send buffer whose memory comes from {@code account}.
     *
     * @param maxBytes the most it may hold
     * @param account what its memory is paid from
     */
    public SendBuffer(final int maxBytes, final MemoryBudget.Account account)
    {
        ring = new ByteRing(maxBytes, account);
        limitBytes = maxBytes;
    }

    /**
     * Sets the size in force (capped at the maximum); bytes already held above it stay.
     *
     * @param bytes the size in force
     */
    public void limit(final int bytes)
    {
        limitBytes = Math.max(1, Math.min(bytes, ring.maxCapacity()));
    }

    /**
     * Bytes held: unacknowledged plus unsent.
     *
     * @return the byte count
     */
    public int length()
    {
        return length;
    }

    /**
     * {@return room for more bytes within the size in force}
     */
    public int freeBytes()
    {
        return Math.max(0, limitBytes - length);
    }

    /**
     * The size in force.
     *
     * @return the byte count
     */
    public int capacity()
    {
        return limitBytes;
    }

    /**
     * {@return bytes of memory the buffer holds now (it grows on demand)}
     */
    public int allocatedBytes()
    {
        return ring.allocatedBytes();
    }

    /**
     * Appends as much of {@code src} as fits, advancing its position.
     *
     * @return bytes accepted, possibly 0
     *
     * @param src the bytes; its position advances past those accepted
     */
    public int append(final ByteBuffer src)
    {
        int n = Math.min(src.remaining(), freeBytes());
        if (n > 0 && !ring.reserve(length + n, false, false))
        {
            // The memory budget said no: take what the ring already holds room for (the writer
            // sees backpressure, as from a full buffer).
            n = Math.max(0, Math.min(n, ring.allocatedBytes() - length));
        }
        if (n > 0)
        {
            ring.put(length, src, src.position(), n);
            src.position(src.position() + n);
            length += n;
        }
        return n;
    }

    /**
     * Copies {@code count} bytes starting {@code offset} bytes after SND.UNA into {@code dst} at {@code dstIndex}.
     *
     * @param offset bytes after SND.UNA to start at
     * @param count how many bytes
     * @param dst where to copy them
     * @param dstIndex the index in {@code dst}
     */
    public void copy(final int offset, final int count, final ByteBuffer dst, final int dstIndex)
    {
        if (offset < 0 || count < 0 || offset + count > length)
        {
            throw new IndexOutOfBoundsException("copy " + offset + "+" + count + " of " + length);
        }
        ring.get(offset, dst, dstIndex, count);
    }

    /**
     * Frees the first {@code count} bytes, which the peer has acknowledged.
     *
     * @param count how many bytes, from the front
     */
    public void release(final int count)
    {
        if (count < 0 || count > length)
        {
            throw new IndexOutOfBoundsException("release " + count + " of " + length);
        }
        ring.advance(count);
        length -= count;
    }
}
