package io.rudp.core.recovery;

import io.rudp.core.buffer.SeqRangeSet;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;

/**
 * The sender's record of what the peer has SACKed (RFC 2018), and the loss inferences of RFC 6675
 * drawn from it: which holes are lost, and how many bytes are still in the network ("pipe").
 *
 * <p>SACKed data is never freed here: it stays in the send buffer until the cumulative ACK covers
 * it, because a receiver may renege. Everything is computed from at most {@link #MAX_RANGES} ranges,
 * so each query is a short loop and nothing allocates.
 */
public final class SackScoreboard
{
    /** SACKed islands tracked; blocks that would need more are ignored (recovery just gets slower). */
    public static final int MAX_RANGES = 32;
    /** RFC 6675 DupThresh: a byte is lost once this many segments' worth is SACKed above it. */
    static final int DUP_THRESH = 3;

    /**
     * "No such byte", from {@link #nextLostByte}. Any int is a valid sequence number, so this one is
     * reserved: a lost byte at exactly this sequence number is found one call later, when
     * {@code from} moves past it (harmless: recovery just waits one ACK).
     */
    public static final int NONE = Integer.MIN_VALUE;

    private final SeqRangeSet sacked = new SeqRangeSet(MAX_RANGES);

    public boolean isEmpty()
    {
        return sacked.isEmpty();
    }

    public void clear()
    {
        sacked.clear();
    }

    /**
     * Records the SACK blocks of an ACK. Blocks outside {@code (sndUna, sndMax]} (D-SACKs, or forged
     * ones) are ignored.
     *
     * @return bytes newly marked as SACKed
     */
    public long onAck(final Segment seg, final int sndUna, final int sndMax)
    {
        final long before = sackedBytes();
        for (int i = 0; i < seg.sackBlockCount; i++)
        {
            final int left = seg.sackLeft[i];
            final int right = seg.sackRight[i];
            if (SeqNum.lt(left, right) && SeqNum.ge(left, sndUna) && SeqNum.le(right, sndMax))
            {
                sacked.add(left, right);
            }
        }
        return sackedBytes() - before;
    }

    /** The cumulative ACK moved to {@code sndUna}: forget what it covers. */
    public void onCumulativeAck(final int sndUna)
    {
        sacked.removeBelow(sndUna);
    }

    public long sackedBytes()
    {
        long bytes = 0;
        for (int i = 0; i < sacked.size(); i++)
        {
            bytes += SeqNum.diff(sacked.end(i), sacked.start(i));
        }
        return bytes;
    }

    /** End of the SACKed range holding {@code seq}, or {@code seq} itself if it is not SACKed. */
    public int skipSacked(final int seq)
    {
        for (int i = 0; i < sacked.size(); i++)
        {
            if (SeqNum.le(sacked.start(i), seq) && SeqNum.lt(seq, sacked.end(i)))
            {
                return sacked.end(i);
            }
        }
        return seq;
    }

    /** Start of the first SACKed range above {@code seq}, or {@code limit} if none lies below it. */
    public int nextSackedStart(final int seq, final int limit)
    {
        for (int i = 0; i < sacked.size(); i++)
        {
            if (SeqNum.gt(sacked.start(i), seq))
            {
                return SeqNum.min(sacked.start(i), limit);
            }
        }
        return limit;
    }

    /**
     * RFC 6675 IsLost, for every byte at once: the boundary below which each un-SACKed byte counts
     * as lost, because more than (DupThresh - 1) segments' worth of data is SACKed above it.
     * Returns {@code sndUna} if nothing is lost yet.
     */
    public int lostBoundary(final int sndUna, final int mssBytes)
    {
        final long threshold = (long)(DUP_THRESH - 1) * mssBytes;
        long sackedAbove = 0;
        for (int i = sacked.size() - 1; i >= 0; i--)
        {
            sackedAbove += SeqNum.diff(sacked.end(i), sacked.start(i));
            if (sackedAbove > threshold)
            {
                return sacked.start(i);
            }
        }
        return sndUna;
    }

    /**
     * The next byte to retransmit (RFC 6675 NextSeg rule 1): the first un-SACKed byte at or above
     * {@code from} that is lost, or {@link #NONE}.
     */
    public int nextLostByte(final int from, final int sndUna, final int mssBytes)
    {
        final int boundary = lostBoundary(sndUna, mssBytes);
        final int candidate = skipSacked(SeqNum.max(from, sndUna));
        return SeqNum.lt(candidate, boundary) ? candidate : NONE;
    }

    /**
     * RFC 6675 SetPipe: bytes believed to be in the network: outstanding, less SACKed, less lost,
     * plus lost bytes already retransmitted (those below {@code highRxt}).
     */
    public long pipe(final int sndUna, final int sndMax, final int highRxt, final int mssBytes)
    {
        final int boundary = lostBoundary(sndUna, mssBytes);
        final long outstanding = SeqNum.diff(sndMax, sndUna);
        final long lost = unsackedBytes(sndUna, boundary);
        final long retransmitted = unsackedBytes(sndUna, SeqNum.min(highRxt, boundary));
        return Math.max(0, outstanding - sackedBytes() - lost + retransmitted);
    }

    /** Un-SACKed bytes in {@code [from, to)}. */
    long unsackedBytes(final int from, final int to)
    {
        if (SeqNum.le(to, from))
        {
            return 0;
        }
        long bytes = SeqNum.diff(to, from);
        for (int i = 0; i < sacked.size(); i++)
        {
            final int s = SeqNum.max(sacked.start(i), from);
            final int e = SeqNum.min(sacked.end(i), to);
            if (SeqNum.lt(s, e))
            {
                bytes -= SeqNum.diff(e, s);
            }
        }
        return bytes;
    }
}
