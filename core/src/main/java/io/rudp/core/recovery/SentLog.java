package io.rudp.core.recovery;

import io.rudp.core.codec.SeqNum;

/**
 * Every data segment in flight, in sequence order: where it starts and ends, when it was last sent,
 * whether the peer SACKed it, whether it is deemed lost, and the delivery-rate state it was sent with.
 * This is the sender's scoreboard; RACK, TLP, rate sampling and retransmission all read it.
 *
 * <p>Records are kept in parallel arrays used as a ring (one record = one slot index), so recording a
 * send or an acknowledgement allocates nothing. The ring doubles when full, which happens while the
 * window grows and then stops: the number of records is bounded by the bytes in flight, and by
 * {@link #MAX_RECORDS}. A retransmission resends a record whole; records split only when the
 * segment size falls (a path MTU probe was lost, or the path stopped carrying the size it had).
 *
 * <p>Iterate with ordinals {@code 0..size()-1} (oldest first) and map them with {@link #slot(int)}.
 */
public final class SentLog
{
    /**
     * Records kept at most (about 3 MiB of arrays). A sender of tiny segments ({@code noDelay} with
     * small writes) waits for acknowledgements at this many in flight, rather than letting a window
     * of one-byte segments make the log huge.
     */
    public static final int MAX_RECORDS = 1 << 16;

    /** The peer SACKed the record. */
    public static final int SACKED = 1;
    /** Deemed lost and not yet sent again. */
    static final int LOST = 2;
    /** Sent more than once (its acknowledgement is ambiguous without timestamps). */
    public static final int RETRANSMITTED = 4;
    /** Sent while the sender was application-limited (its rate sample understates the path). */
    static final int APP_LIMITED = 8;
    /** Counted as delivered once already (a SACK mark cleared after a timeout does not count it again). */
    static final int DELIVERED = 16;

    private int[] startSeq;
    private int[] endSeq;
    private int[] flags;
    private int[] tsVal;
    private long[] sentNs;
    private long[] deliveredAtSend;
    private long[] deliveredNsAtSend;
    private long[] firstSentNsAtSend;
    private int head;
    private int size;
    private int mask;

    private long bytes;
    private long sackedBytes;
    private long lostBytes;
    private int retransmittedRecords;

    /**
     * An empty log.
     */
    public SentLog()
    {
        allocate(16);
    }

    private void allocate(final int capacity)
    {
        startSeq = new int[capacity];
        endSeq = new int[capacity];
        flags = new int[capacity];
        tsVal = new int[capacity];
        sentNs = new long[capacity];
        deliveredAtSend = new long[capacity];
        deliveredNsAtSend = new long[capacity];
        firstSentNsAtSend = new long[capacity];
        mask = capacity - 1;
    }

    /** {@return records outstanding} */
    public int size()
    {
        return size;
    }

    /** {@return whether another record would exceed {@link #MAX_RECORDS}} */
    public boolean isFull()
    {
        return size >= MAX_RECORDS;
    }

    /** {@return whether nothing is outstanding} */
    public boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * The slot of the {@code ordinal}-th oldest record.
     *
     * @param ordinal 0 for the oldest
     * @return the slot
     */
    public int slot(final int ordinal)
    {
        return (head + ordinal) & mask;
    }

    /** {@return sequence space covered by all records (their FIN included)} */
    public long bytes()
    {
        return bytes;
    }

    /** {@return bytes the peer SACKed and has not cumulatively acknowledged} */
    public long sackedBytes()
    {
        return sackedBytes;
    }

    /** {@return bytes deemed lost and not yet retransmitted} */
    public long lostBytes()
    {
        return lostBytes;
    }

    /** {@return bytes believed in the network: sent, not SACKed, not deemed lost (RFC 6675 "pipe")} */
    public long inFlightBytes()
    {
        return bytes - sackedBytes - lostBytes;
    }

    /** {@return records that were retransmitted and are still outstanding} */
    public int retransmittedRecords()
    {
        return retransmittedRecords;
    }

    /**
     * Where a record starts.
     *
     * @param slot the record's slot
     * @return its first sequence number
     */
    public int start(final int slot)
    {
        return startSeq[slot];
    }

    /**
     * Where a record ends.
     *
     * @param slot the record's slot
     * @return the sequence number after its last
     */
    public int end(final int slot)
    {
        return endSeq[slot];
    }

    /**
     * A record's length.
     *
     * @param slot the record's slot
     * @return the sequence numbers it covers (FIN included)
     */
    public int length(final int slot)
    {
        return SeqNum.diff(endSeq[slot], startSeq[slot]);
    }

    /**
     * When a record was last sent.
     *
     * @param slot the record's slot
     * @return when
     */
    public long sentNs(final int slot)
    {
        return sentNs[slot];
    }

    /**
     * The timestamp a record last carried.
     *
     * @param slot the record's slot
     * @return the TSval it last went out with
     */
    public int tsVal(final int slot)
    {
        return tsVal[slot];
    }

    /**
     * Whether a record has a mark.
     *
     * @param slot the record's slot
     * @param flag {@link #SACKED}, {@link #RETRANSMITTED}, ...
     * @return whether the record has it
     */
    public boolean is(final int slot, final int flag)
    {
        return (flags[slot] & flag) != 0;
    }

    long deliveredAtSend(final int slot)
    {
        return deliveredAtSend[slot];
    }

    long deliveredNsAtSend(final int slot)
    {
        return deliveredNsAtSend[slot];
    }

    long firstSentNsAtSend(final int slot)
    {
        return firstSentNsAtSend[slot];
    }

    /** Appends a newly sent record {@code [start, end)}; returns its slot. */
    int append(final int start, final int end, final long nowNs, final int ts)
    {
        if (size == mask + 1)
        {
            grow();
        }
        final int slot = (head + size) & mask;
        size++;
        startSeq[slot] = start;
        endSeq[slot] = end;
        flags[slot] = 0;
        sentNs[slot] = nowNs;
        tsVal[slot] = ts;
        bytes += SeqNum.diff(end, start);
        return slot;
    }

    /** Records the rate-sampling state a (re)transmission went out with. */
    void rateState(final int slot, final long delivered, final long deliveredNs, final long firstSentNs,
        final boolean appLimited)
    {
        deliveredAtSend[slot] = delivered;
        deliveredNsAtSend[slot] = deliveredNs;
        firstSentNsAtSend[slot] = firstSentNs;
        flags[slot] = appLimited ? flags[slot] | APP_LIMITED : flags[slot] & ~APP_LIMITED;
    }

    /** The record was sent again: it is in flight again, with a new send time. */
    void retransmitted(final int slot, final long nowNs, final int ts)
    {
        if (is(slot, LOST))
        {
            flags[slot] &= ~LOST;
            lostBytes -= length(slot);
        }
        if (!is(slot, RETRANSMITTED))
        {
            flags[slot] |= RETRANSMITTED;
            retransmittedRecords++;
        }
        sentNs[slot] = nowNs;
        tsVal[slot] = ts;
    }

    void markSacked(final int slot)
    {
        if (is(slot, LOST))
        {
            flags[slot] &= ~LOST;
            lostBytes -= length(slot);
        }
        flags[slot] |= SACKED;
        sackedBytes += length(slot);
    }

    /** RFC 2018 §8: after a timeout, SACK information is not trusted (the receiver may have reneged). */
    void unmarkSacked(final int slot)
    {
        flags[slot] &= ~SACKED;
        sackedBytes -= length(slot);
    }

    void markDelivered(final int slot)
    {
        flags[slot] |= DELIVERED;
    }

    void markLost(final int slot)
    {
        flags[slot] |= LOST;
        lostBytes += length(slot);
    }

    /** A lost mark was wrong (the loss was spurious): the record counts as in flight again. */
    void unmarkLost(final int slot)
    {
        flags[slot] &= ~LOST;
        lostBytes -= length(slot);
    }

    /** Removes the oldest record (the cumulative ACK covers it). */
    void removeHead()
    {
        final int slot = head;
        final int length = length(slot);
        bytes -= length;
        if (is(slot, SACKED))
        {
            sackedBytes -= length;
        }
        if (is(slot, LOST))
        {
            lostBytes -= length;
        }
        if (is(slot, RETRANSMITTED))
        {
            retransmittedRecords--;
        }
        head = (head + 1) & mask;
        size--;
    }

    /**
     * The cumulative ACK ends inside the oldest record (a peer that acknowledged part of a segment):
     * the acknowledged part is dropped from it.
     */
    void trimHead(final int ack)
    {
        final int slot = head;
        final int cut = SeqNum.diff(ack, startSeq[slot]);
        bytes -= cut;
        if (is(slot, SACKED))
        {
            sackedBytes -= cut;
        }
        if (is(slot, LOST))
        {
            lostBytes -= cut;
        }
        startSeq[slot] = ack;
    }

    /**
     * Splits the {@code ordinal}-th record into records of at most {@code maxLength} sequence
     * numbers each (the last may be shorter), so that each can be resent in one segment of the
     * smaller size. The pieces keep the record's marks, send time and rate state. Records after it
     * move up, which costs a copy of them: this happens when the segment size falls, not per segment.
     *
     * @return how many records the one became (1 if it already fitted)
     *
     * @param ordinal which record, 0 for the oldest
     * @param maxLength the most sequence numbers a piece covers
     */
    public int split(final int ordinal, final int maxLength)
    {
        if (maxLength <= 0)
        {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        final int slot = slot(ordinal);
        final int length = length(slot);
        final int pieces = (length + maxLength - 1) / maxLength;
        if (pieces <= 1)
        {
            return 1;
        }
        final int extra = pieces - 1;
        while (size + extra > mask + 1)
        {
            grow();
        }
        for (int i = size - 1; i > ordinal; i--)
        {
            copy(slot(i), slot(i + extra));
        }
        final int first = slot(ordinal);
        final int start = startSeq[first];
        final int end = endSeq[first];
        for (int p = 0; p < pieces; p++)
        {
            final int to = slot(ordinal + p);
            if (p > 0)
            {
                copy(first, to);
            }
            startSeq[to] = start + p * maxLength;
            endSeq[to] = p == pieces - 1 ? end : start + (p + 1) * maxLength;
        }
        size += extra;
        if ((flags[first] & RETRANSMITTED) != 0)
        {
            retransmittedRecords += extra;
        }
        return pieces;
    }

    private void copy(final int from, final int to)
    {
        startSeq[to] = startSeq[from];
        endSeq[to] = endSeq[from];
        flags[to] = flags[from];
        tsVal[to] = tsVal[from];
        sentNs[to] = sentNs[from];
        deliveredAtSend[to] = deliveredAtSend[from];
        deliveredNsAtSend[to] = deliveredNsAtSend[from];
        firstSentNsAtSend[to] = firstSentNsAtSend[from];
    }

    /**
     * Ordinal of the first record that ends after {@code seq}, or {@link #size()} if none.
     *
     * @param seq a sequence number
     * @return the ordinal
     */
    public int firstEndingAfter(final int seq)
    {
        int lo = 0;
        int hi = size;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (SeqNum.le(endSeq[slot(mid)], seq))
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

    void clear()
    {
        head = 0;
        size = 0;
        bytes = 0;
        sackedBytes = 0;
        lostBytes = 0;
        retransmittedRecords = 0;
    }

    private void grow()
    {
        final int capacity = (mask + 1) * 2;
        final int[] oldStart = startSeq;
        final int[] oldEnd = endSeq;
        final int[] oldFlags = flags;
        final int[] oldTs = tsVal;
        final long[] oldSent = sentNs;
        final long[] oldDelivered = deliveredAtSend;
        final long[] oldDeliveredNs = deliveredNsAtSend;
        final long[] oldFirstSent = firstSentNsAtSend;
        final int oldMask = mask;
        allocate(capacity);
        for (int i = 0; i < size; i++)
        {
            final int from = (head + i) & oldMask;
            startSeq[i] = oldStart[from];
            endSeq[i] = oldEnd[from];
            flags[i] = oldFlags[from];
            tsVal[i] = oldTs[from];
            sentNs[i] = oldSent[from];
            deliveredAtSend[i] = oldDelivered[from];
            deliveredNsAtSend[i] = oldDeliveredNs[from];
            firstSentNsAtSend[i] = oldFirstSent[from];
        }
        head = 0;
    }

    @Override
    public String toString()
    {
        return "SentLog{records=" + size + " bytes=" + bytes + " sacked=" + sackedBytes + " lost=" + lostBytes
            + " capacity=" + (mask + 1) + '}';
    }

    /** {@return the slot of the newest record not SACKed (what a tail-loss probe resends without new data), or -1} */
    public int newestNotSacked()
    {
        for (int i = size() - 1; i >= 0; i--)
        {
            final int slot = slot(i);
            if (!is(slot, SACKED))
            {
                return slot;
            }
        }
        return -1;
    }
}
