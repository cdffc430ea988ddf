package io.rudp.core.codec;

import java.nio.ByteBuffer;

/**
 * One TCP segment's header fields and options, as a reusable mutable holder.
 *
 * <p>The decoder fills one of these per datagram and the engine fills one per outgoing segment, so
 * nothing is allocated per segment. Absent options are marked by sentinels ({@code -1}, {@code false},
 * a block count of 0) rather than {@code Optional}s. For a decoded segment the payload stays in the
 * datagram buffer: {@link #payloadBuffer()} at {@link #payloadOffset()} for {@link #payloadLength()}
 * bytes.
 */
public final class Segment
{
    /** RFC 2018 allows at most 4 SACK blocks (40 option bytes). */
    public static final int MAX_SACK_BLOCKS = 4;

    /** Source rudp port. */
    public int srcPort;
    /** Destination rudp port. */
    public int dstPort;
    /** Sequence number (unsigned 32 bits in an int). */
    public int seq;
    /** Acknowledgment number, meaningful with the ACK flag. */
    public int ack;
    /** The flag bits ({@link TcpFlags}). */
    public int flags;
    /** The raw 16-bit window field, before any scaling. */
    public int window;

    /** MSS option value, or -1 if absent. */
    public int mss = -1;
    /** Window-scale shift, or -1 if absent. */
    public int windowScale = -1;
    /** SACK-permitted option present (SYNs only). */
    public boolean sackPermitted;
    /** Timestamps option present: {@link #tsVal} and {@link #tsEcr} are valid. */
    public boolean hasTimestamps;
    /** TSval of the timestamps option. */
    public int tsVal;
    /** TSecr of the timestamps option. */
    public int tsEcr;
    /** SACK blocks present, 0 to {@link #MAX_SACK_BLOCKS}. */
    public int sackBlockCount;
    /** Left edges of the SACK blocks (first {@link #sackBlockCount} valid). */
    public final int[] sackLeft = new int[MAX_SACK_BLOCKS];
    /** Right edges of the SACK blocks (exclusive). */
    public final int[] sackRight = new int[MAX_SACK_BLOCKS];

    private ByteBuffer payloadBuffer;
    private int payloadOffset;
    private int payloadLength;

    /** An empty segment, to be filled by a decoder or an encoder. */
    public Segment()
    {
        // nothing to set up
    }

    /**
     * Clears every field back to "absent" so the holder can be reused.
     *
     * @return this segment
     */
    public Segment clear()
    {
        srcPort = 0;
        dstPort = 0;
        seq = 0;
        ack = 0;
        flags = 0;
        window = 0;
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        hasTimestamps = false;
        tsVal = 0;
        tsEcr = 0;
        sackBlockCount = 0;
        payloadBuffer = null;
        payloadOffset = 0;
        payloadLength = 0;
        return this;
    }

    /**
     * Whether a flag is set.
     *
     * @param flag a {@link TcpFlags} bit
     * @return whether it is set
     */
    public boolean has(final int flag)
    {
        return (flags & flag) != 0;
    }

    /**
     * Points the payload at bytes of a buffer.
     *
     * @param buffer where the payload is (not copied)
     * @param offset its index in the buffer
     * @param length its length in bytes
     */
    public void payload(final ByteBuffer buffer, final int offset, final int length)
    {
        payloadBuffer = buffer;
        payloadOffset = offset;
        payloadLength = length;
    }

    /**
     * {@return the buffer holding the payload (valid only while the segment is)}
     */
    public ByteBuffer payloadBuffer()
    {
        return payloadBuffer;
    }

    /**
     * {@return the payload's index in {@link #payloadBuffer()}}
     */
    public int payloadOffset()
    {
        return payloadOffset;
    }

    /**
     * {@return the payload's length in bytes}
     */
    public int payloadLength()
    {
        return payloadLength;
    }

    /** {@return SEG.LEN of RFC 9293: payload bytes plus one each for SYN and FIN} */
    public int sequenceLength()
    {
        return payloadLength + (has(TcpFlags.SYN) ? 1 : 0) + (has(TcpFlags.FIN) ? 1 : 0);
    }

    /**
     * Adds a SACK block (at most {@link #MAX_SACK_BLOCKS}).
     *
     * @param left the block's first sequence number
     * @param right the sequence number after its last
     */
    public void addSackBlock(final int left, final int right)
    {
        sackLeft[sackBlockCount] = left;
        sackRight[sackBlockCount] = right;
        sackBlockCount++;
    }

    /** A tcpdump-like one-line rendering with absolute sequence numbers, for traces and test failures. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(96);
        sb.append(srcPort).append('>').append(dstPort).append(' ')
            .append(TcpFlags.toShortString(flags))
            .append(" seq=").append(SeqNum.unsigned(seq));
        if (has(TcpFlags.ACK))
        {
            sb.append(" ack=").append(SeqNum.unsigned(ack));
        }
        sb.append(" win=").append(window);
        if (payloadLength > 0)
        {
            sb.append(" len=").append(payloadLength);
        }
        if (mss >= 0)
        {
            sb.append(" mss=").append(mss);
        }
        if (windowScale >= 0)
        {
            sb.append(" wscale=").append(windowScale);
        }
        if (sackPermitted)
        {
            sb.append(" sackOK");
        }
        for (int i = 0; i < sackBlockCount; i++)
        {
            sb.append(" sack=").append(SeqNum.unsigned(sackLeft[i])).append(':').append(SeqNum.unsigned(sackRight[i]));
        }
        if (hasTimestamps)
        {
            sb.append(" TS=").append(SeqNum.unsigned(tsVal)).append('/').append(SeqNum.unsigned(tsEcr));
        }
        return sb.toString();
    }
}
