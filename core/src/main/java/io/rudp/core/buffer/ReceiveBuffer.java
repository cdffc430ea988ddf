package io.rudp.core.buffer;

import io.rudp.core.codec.SeqNum;

import java.nio.ByteBuffer;

/**
 * Received bytes the application has not read yet, in order, followed by out-of-order bytes held at
 * their place until the gap before them fills. Each byte is delivered exactly once and in order;
 * duplicates and overlaps are absorbed.
 *
 * <p>The receive window is what is left of the buffer after the unread in-order bytes, so the right
 * edge of the window never moves left: receiving in-order data moves RCV.NXT and the unread count
 * together, and only reading moves the edge (right).
 */
public final class ReceiveBuffer
{
    /**
     * Out-of-order islands kept at least; a buffer allows one per {@link #BYTES_PER_OUT_OF_ORDER_RANGE}
     * of its maximum beyond that. A segment that would start a new island past the bound is dropped.
     * A window of thousands of segments overflowing a queue can leave a hole after every other
     * segment: with a fixed 1,024 islands, a 1.8 MB flight at 100 Mbit/s outgrew the table, the
     * receiver silently dropped what arrived next, and only a retransmission timeout told the
     * sender. The table grows to the bound only when the holes happen (8 bytes an island).
     */
    public static final int MIN_OUT_OF_ORDER_RANGES = 1024;
    /** Less than a full segment, so every full-sized segment in the window can be an island of its own. */
    public static final int BYTES_PER_OUT_OF_ORDER_RANGE = 1024;

    private final ByteRing ring;
    private final MemoryBudget.Account account;
    /** The buffer size in force (autotuning raises it towards the ring's maximum, never lowers it). */
    private int limitBytes;
    private final SeqRangeSet outOfOrder;
    private int rcvNxt;
    private int readable;

    /**
     * A receive buffer of {@code maxBytes} from the start, with no shared budget.
     *
     * @param maxBytes the largest the buffer may grow to
     */
    public ReceiveBuffer(final int maxBytes)
    {
        this(maxBytes, maxBytes, MemoryBudget.unlimited().open());
    }

    /**
     * Creates a buffer that may hold {@code maxBytes} but offers only {@code initialBytes} until
     * raised, its memory paid from {@code account}.
     *
     * @param initialBytes the size in force at first
     * @param maxBytes the largest autotuning may raise it to
     * @param account what its memory is paid from
     */
    public ReceiveBuffer(final int initialBytes, final int maxBytes, final MemoryBudget.Account account)
    {
        this.account = account;
        ring = new ByteRing(maxBytes, account);
        limitBytes = Math.min(initialBytes, maxBytes);
        outOfOrder = new SeqRangeSet(maxOutOfOrderRanges(maxBytes));
    }

    /**
     * How many out-of-order islands a buffer of {@code maxBytes} keeps at most.
     *
     * @param maxBytes the buffer's largest size
     * @return the number of islands
     */
    public static int maxOutOfOrderRanges(final int maxBytes)
    {
        return Math.max(MIN_OUT_OF_ORDER_RANGES, maxBytes / BYTES_PER_OUT_OF_ORDER_RANGE);
    }

    /**
     * Raises the buffer size in force to {@code bytes} (capped at the maximum); it never shrinks.
     * Under memory pressure it does not grow: the window stops widening.
     *
     * @param bytes the size wanted
     */
    public void raiseLimit(final int bytes)
    {
        if (account.budget().underPressure())
        {
            return;
        }
        limitBytes = Math.max(limitBytes, Math.min(bytes, ring.maxCapacity()));
    }

    /**
     * {@return the largest size autotuning may raise the buffer to}
     */
    public int maxCapacity()
    {
        return ring.maxCapacity();
    }

    /**
     * Sets RCV.NXT when the peer's SYN arrives (its ISN + 1).
     *
     * @param rcvNxtSeq the first sequence number expected (IRS + 1)
     */
    public void init(final int rcvNxtSeq)
    {
        rcvNxt = rcvNxtSeq;
        readable = 0;
        outOfOrder.clear();
    }

    /**
     * {@return RCV.NXT: the next sequence number expected in order}
     */
    public int rcvNxt()
    {
        return rcvNxt;
    }

    /** Advances RCV.NXT by one for a FIN (or SYN), which occupies a sequence number but no buffer. */
    public void consumeControl()
    {
        rcvNxt++;
    }

    /**
     * In-order bytes waiting for the application.
     *
     * @return the byte count
     */
    public int readable()
    {
        return readable;
    }

    /**
     * RCV.WND: how many bytes past RCV.NXT the buffer can hold. Under memory pressure, only what is
     * already allocated: a window is a promise, and the budget may not keep a larger one.
     *
     * @return RCV.WND in bytes
     */
    public int window()
    {
        final int storable = account.budget().underPressure() ? Math.min(limitBytes, ring.allocatedBytes()) : limitBytes;
        return Math.max(0, storable - readable);
    }

    /**
     * Drops the out-of-order data (never acknowledged, so the peer resends it; RFC 2018 §8 allows a
     * receiver to renege on what it SACKed) and gives its memory back.
     *
     * @return bytes of memory returned to the budget
     */
    public long pruneOutOfOrder()
    {
        if (outOfOrder.isEmpty())
        {
            return 0;
        }
        final long before = ring.allocatedBytes();
        outOfOrder.clear();
        ring.shrinkTo(readable);
        return before - ring.allocatedBytes();
    }

    /**
     * Bytes held out of order (above RCV.NXT).
     *
     * @return the byte count
     */
    public int outOfOrderBytes()
    {
        int bytes = 0;
        for (int i = 0; i < outOfOrder.size(); i++)
        {
            bytes += outOfOrder.end(i) - outOfOrder.start(i);
        }
        return bytes;
    }

    /**
     * The buffer size in force.
     *
     * @return the byte count
     */
    public int capacity()
    {
        return limitBytes;
    }

    /**
     * {@return bytes of memory the buffer holds now}
     */
    public int allocatedBytes()
    {
        return ring.allocatedBytes();
    }

    /**
     * {@return the islands of out-of-order data held (what SACK reports)}
     */
    public SeqRangeSet outOfOrder()
    {
        return outOfOrder;
    }

    /**
     * {@return whether data beyond a hole is held}
     */
    public boolean hasOutOfOrder()
    {
        return !outOfOrder.isEmpty();
    }

    /**
     * Stores the part of segment data {@code [seq, seq + length)} that lies inside the window, taken
     * from {@code src} at absolute index {@code srcIndex}.
     *
     * @return how far RCV.NXT advanced (0 if the data was old, out of order, or did not fit), or -1 if
     * the data had to be dropped: the out-of-order table is full, or the memory budget refused it
     *
     * @param seq the sequence number of the first byte
     * @param src where the bytes are
     * @param srcIndex their index in {@code src}
     * @param length how many
     */
    public int accept(final int seq, final ByteBuffer src, final int srcIndex, final int length)
    {
        int start = seq;
        int skip = 0;
        if (SeqNum.lt(start, rcvNxt))
        {
            skip = rcvNxt - start;
            start = rcvNxt;
        }
        final int windowEnd = rcvNxt + window();
        final int end = SeqNum.min(seq + length, windowEnd);
        if (SeqNum.le(end, start))
        {
            return 0;
        }
        final int offsetFromNxt = start - rcvNxt;
        final int count = end - start;
        // In-order data inside the advertised window was promised; out-of-order data was not.
        if (!ring.reserve(readable + offsetFromNxt + count, offsetFromNxt == 0, offsetFromNxt > 0))
        {
            return -1;
        }
        if (offsetFromNxt > 0 && !outOfOrder.add(start, end))
        {
            return -1;
        }
        ring.put(readable + offsetFromNxt, src, srcIndex + skip, count);
        if (offsetFromNxt > 0)
        {
            return 0;
        }
        int newNxt = end;
        // The gap before held out-of-order bytes may now be filled.
        while (!outOfOrder.isEmpty() && SeqNum.le(outOfOrder.start(0), newNxt))
        {
            newNxt = SeqNum.max(newNxt, outOfOrder.end(0));
            outOfOrder.removeBelow(newNxt);
        }
        final int advanced = newNxt - rcvNxt;
        readable += advanced;
        rcvNxt = newNxt;
        return advanced;
    }

    /**
     * Moves up to {@code dst.remaining()} in-order bytes into {@code dst}, advancing its position.
     *
     * @return bytes moved
     *
     * @param dst where the bytes go; its position advances past them
     */
    public int read(final ByteBuffer dst)
    {
        final int n = Math.min(dst.remaining(), readable);
        if (n > 0)
        {
            ring.get(0, dst, dst.position(), n);
            dst.position(dst.position() + n);
            ring.advance(n);
            readable -= n;
        }
        return n;
    }

    /** Discards everything, e.g. when the connection is reset. */
    public void discard()
    {
        ring.advance(readable);
        readable = 0;
        outOfOrder.clear();
    }
}
