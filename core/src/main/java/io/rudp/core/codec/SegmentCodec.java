package io.rudp.core.codec;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes rudp segments: an RFC 9293 TCP header, byte for byte, with a CRC32C carried in
 * an RFC 6994 experimental option (kind 253, length 8, ExID {@link #CRC_EXID}, 4-byte CRC).
 *
 * <p>The CRC covers the whole segment (header, options, data) with the 4 CRC bytes taken as zero.
 * It is always the first option, so it sits at a fixed offset (20) and costs no search.
 *
 * <p>All methods work on absolute indexes of a caller-owned {@link ByteBuffer} and allocate nothing.
 * One instance holds one reusable {@link CRC32C}; it is not thread-safe (one per loop).
 */
public final class SegmentCodec
{
    /** Fixed TCP header length without options. */
    public static final int HEADER_BYTES = 20;
    /** The TCP header may carry at most 40 option bytes (data offset 15 words). */
    public static final int MAX_OPTION_BYTES = 40;
    /** Option kind for RFC 6994 shared experimental options. */
    public static final int KIND_EXPERIMENTAL = 253;
    /** rudp's RFC 6994 experiment identifier for the CRC32C option: ASCII "RU". */
    public static final int CRC_EXID = 0x5255;
    /** The CRC32C option: kind, length, ExID (2) and the CRC (4). */
    public static final int CRC_OPTION_BYTES = 8;
    /** NOP, NOP, kind 8, len 10, TSval, TSecr: the Linux layout, keeps the words aligned. */
    public static final int TIMESTAMP_OPTION_BYTES = 12;

    /** Option kind: End of option list (RFC 9293). */
    public static final int KIND_EOL = 0;
    /** Option kind: No-operation, for padding (RFC 9293). */
    public static final int KIND_NOP = 1;
    /** Option kind: Maximum segment size (RFC 9293). */
    public static final int KIND_MSS = 2;
    /** Option kind: Window scale (RFC 7323). */
    public static final int KIND_WINDOW_SCALE = 3;
    /** Option kind: SACK permitted (RFC 2018). */
    public static final int KIND_SACK_PERMITTED = 4;
    /** Option kind: SACK blocks (RFC 2018). */
    public static final int KIND_SACK = 5;
    /** Option kind: Timestamps (RFC 7323). */
    public static final int KIND_TIMESTAMPS = 8;

    /** RFC 7323 §2.3: a larger shift is treated as 14. */
    public static final int MAX_WINDOW_SCALE = 14;

    private static final byte[] ZERO_CRC = new byte[4];
    private static final int CRC_VALUE_OFFSET = HEADER_BYTES + 4;

    private final CRC32C crc = new CRC32C();

    /** A codec (it keeps a CRC32C instance, so one per thread). */
    public SegmentCodec()
    {
        // nothing to set up
    }

    /**
     * Option bytes a segment with these options needs (a multiple of 4), CRC option included.
     *
     * @param seg the segment
     * @return the bytes
     */
    public static int optionBytes(final Segment seg)
    {
        int bytes = CRC_OPTION_BYTES;
        if (seg.mss >= 0)
        {
            bytes += 4;
        }
        if (seg.windowScale >= 0)
        {
            bytes += 4; // NOP + 3
        }
        if (seg.hasTimestamps)
        {
            bytes += TIMESTAMP_OPTION_BYTES;
        }
        if (seg.sackPermitted)
        {
            bytes += 4; // NOP, NOP, kind 4, len 2
        }
        if (seg.sackBlockCount > 0)
        {
            bytes += 4 + 8 * seg.sackBlockCount; // NOP, NOP, kind 5, len
        }
        return bytes;
    }

    /**
     * Writes the header and options of {@code seg} at {@code offset} in {@code dst}. The caller then
     * writes {@code seg.payloadLength()} bytes of data right after the returned header length and
     * calls {@link #seal}. The segment's options must fit in 40 bytes ({@link #optionBytes}).
     *
     * @return the header length in bytes (20 + options)
     *
     * @param seg the segment to encode
     * @param dst where to write
     * @param offset the index to write at
     */
    public static int encodeHeader(final Segment seg, final ByteBuffer dst, final int offset)
    {
        final int optionBytes = optionBytes(seg);
        if (optionBytes > MAX_OPTION_BYTES)
        {
            throw new IllegalArgumentException("options need " + optionBytes + " bytes, TCP allows 40: " + seg);
        }
        final int headerBytes = HEADER_BYTES + optionBytes;
        dst.putShort(offset, (short)seg.srcPort);
        dst.putShort(offset + 2, (short)seg.dstPort);
        dst.putInt(offset + 4, seg.seq);
        dst.putInt(offset + 8, seg.ack);
        dst.put(offset + 12, (byte)((headerBytes / 4) << 4));
        dst.put(offset + 13, (byte)seg.flags);
        dst.putShort(offset + 14, (short)seg.window);
        dst.putShort(offset + 16, (short)0); // checksum: the CRC32C option replaces it
        dst.putShort(offset + 18, (short)0); // urgent pointer: never used

        int i = offset + HEADER_BYTES;
        dst.put(i, (byte)KIND_EXPERIMENTAL);
        dst.put(i + 1, (byte)CRC_OPTION_BYTES);
        dst.putShort(i + 2, (short)CRC_EXID);
        dst.putInt(i + 4, 0);
        i += CRC_OPTION_BYTES;
        if (seg.mss >= 0)
        {
            dst.put(i, (byte)KIND_MSS);
            dst.put(i + 1, (byte)4);
            dst.putShort(i + 2, (short)seg.mss);
            i += 4;
        }
        if (seg.windowScale >= 0)
        {
            dst.put(i, (byte)KIND_NOP);
            dst.put(i + 1, (byte)KIND_WINDOW_SCALE);
            dst.put(i + 2, (byte)3);
            dst.put(i + 3, (byte)seg.windowScale);
            i += 4;
        }
        if (seg.sackPermitted)
        {
            dst.put(i, (byte)KIND_NOP);
            dst.put(i + 1, (byte)KIND_NOP);
            dst.put(i + 2, (byte)KIND_SACK_PERMITTED);
            dst.put(i + 3, (byte)2);
            i += 4;
        }
        if (seg.hasTimestamps)
        {
            dst.put(i, (byte)KIND_NOP);
            dst.put(i + 1, (byte)KIND_NOP);
            dst.put(i + 2, (byte)KIND_TIMESTAMPS);
            dst.put(i + 3, (byte)10);
            dst.putInt(i + 4, seg.tsVal);
            dst.putInt(i + 8, seg.tsEcr);
            i += TIMESTAMP_OPTION_BYTES;
        }
        if (seg.sackBlockCount > 0)
        {
            dst.put(i, (byte)KIND_NOP);
            dst.put(i + 1, (byte)KIND_NOP);
            dst.put(i + 2, (byte)KIND_SACK);
            dst.put(i + 3, (byte)(2 + 8 * seg.sackBlockCount));
            i += 4;
            for (int b = 0; b < seg.sackBlockCount; b++)
            {
                dst.putInt(i, seg.sackLeft[b]);
                dst.putInt(i + 4, seg.sackRight[b]);
                i += 8;
            }
        }
        return headerBytes;
    }

    /**
     * Computes the CRC32C over the finished segment {@code [offset, offset + length)} and stores it in
     * the CRC option. The buffer's position and limit are left as they were.
     *
     * @param dst the buffer holding the segment
     * @param offset the segment's index in it
     * @param length the segment's length
     */
    public void seal(final ByteBuffer dst, final int offset, final int length)
    {
        dst.putInt(offset + CRC_VALUE_OFFSET, 0);
        dst.putInt(offset + CRC_VALUE_OFFSET, crcOf(dst, offset, length));
    }

    /**
     * Decodes the datagram between {@code src}'s position and limit into {@code out}. The buffer's
     * position and limit are left as they were; the payload is referenced, not copied.
     *
     * @return {@code null} if the segment is well-formed and its CRC matches, else why it is not
     *
     * @param src the datagram
     * @param out where the fields go (cleared first)
     */
    public DropReason decode(final ByteBuffer src, final Segment out)
    {
        out.clear();
        final int start = src.position();
        final int length = src.limit() - start;
        if (length < HEADER_BYTES)
        {
            return DropReason.TOO_SHORT;
        }
        final int offsetByte = src.get(start + 12) & 0xFF;
        final int headerBytes = (offsetByte >>> 4) * 4;
        if (headerBytes < HEADER_BYTES || headerBytes > length)
        {
            return DropReason.BAD_DATA_OFFSET;
        }
        if ((offsetByte & 0x0F) != 0)
        {
            return DropReason.RESERVED_BITS;
        }
        final int flags = src.get(start + 13) & 0xFF;
        if ((flags & ~TcpFlags.SUPPORTED) != 0)
        {
            return DropReason.UNSUPPORTED_FLAGS;
        }
        if (src.getShort(start + 18) != 0)
        {
            return DropReason.URGENT_POINTER;
        }
        out.srcPort = src.getShort(start) & 0xFFFF;
        out.dstPort = src.getShort(start + 2) & 0xFFFF;
        if (out.srcPort == 0 || out.dstPort == 0)
        {
            return DropReason.BAD_PORT;
        }
        if ((flags & TcpFlags.SYN) != 0 && (flags & (TcpFlags.FIN | TcpFlags.RST)) != 0)
        {
            return DropReason.BAD_FLAG_COMBINATION;
        }
        out.seq = src.getInt(start + 4);
        out.ack = src.getInt(start + 8);
        out.flags = flags;
        out.window = src.getShort(start + 14) & 0xFFFF;

        final DropReason optionResult = decodeOptions(src, start + HEADER_BYTES, start + headerBytes, out);
        if (optionResult != null)
        {
            return optionResult;
        }
        final int expectedCrc = src.getInt(start + CRC_VALUE_OFFSET);
        if (crcOf(src, start, length) != expectedCrc)
        {
            return DropReason.BAD_CRC;
        }
        out.payload(src, start + headerBytes, length - headerBytes);
        return null;
    }

    /**
     * Walks the option list. The CRC option must come first (that is where the encoder puts it, and
     * a fixed place keeps verification cheap); everything else may be in any order.
     */
    private static DropReason decodeOptions(final ByteBuffer src, final int from, final int end, final Segment out)
    {
        boolean sawCrc = false;
        int i = from;
        while (i < end)
        {
            final int kind = src.get(i) & 0xFF;
            if (kind == KIND_EOL)
            {
                break;
            }
            if (kind == KIND_NOP)
            {
                i++;
                continue;
            }
            if (i + 1 >= end)
            {
                return DropReason.OPTION_PAST_END;
            }
            final int len = src.get(i + 1) & 0xFF;
            if (len < 2)
            {
                return DropReason.BAD_OPTION_LENGTH;
            }
            if (i + len > end)
            {
                return DropReason.OPTION_PAST_END;
            }
            switch (kind)
            {
                case KIND_MSS:
                    if (len != 4)
                    {
                        return DropReason.BAD_OPTION_LENGTH;
                    }
                    out.mss = src.getShort(i + 2) & 0xFFFF;
                    break;
                case KIND_WINDOW_SCALE:
                    if (len != 3)
                    {
                        return DropReason.BAD_OPTION_LENGTH;
                    }
                    out.windowScale = Math.min(src.get(i + 2) & 0xFF, MAX_WINDOW_SCALE);
                    break;
                case KIND_SACK_PERMITTED:
                    if (len != 2)
                    {
                        return DropReason.BAD_OPTION_LENGTH;
                    }
                    out.sackPermitted = true;
                    break;
                case KIND_SACK:
                    if ((len - 2) % 8 != 0 || len == 2 || (len - 2) / 8 > Segment.MAX_SACK_BLOCKS)
                    {
                        return DropReason.BAD_OPTION_LENGTH;
                    }
                    out.sackBlockCount = 0;
                    for (int b = i + 2; b < i + len; b += 8)
                    {
                        out.addSackBlock(src.getInt(b), src.getInt(b + 4));
                    }
                    break;
                case KIND_TIMESTAMPS:
                    if (len != 10)
                    {
                        return DropReason.BAD_OPTION_LENGTH;
                    }
                    out.hasTimestamps = true;
                    out.tsVal = src.getInt(i + 2);
                    out.tsEcr = src.getInt(i + 6);
                    break;
                case KIND_EXPERIMENTAL:
                    if (len >= 4 && (src.getShort(i + 2) & 0xFFFF) == CRC_EXID)
                    {
                        if (len != CRC_OPTION_BYTES)
                        {
                            return DropReason.BAD_OPTION_LENGTH;
                        }
                        sawCrc |= i == from;
                    }
                    break;
                default:
                    break; // unknown options are skipped by length, as TCP requires
            }
            i += len;
        }
        return sawCrc ? null : DropReason.MISSING_CRC;
    }

    private int crcOf(final ByteBuffer buf, final int offset, final int length)
    {
        // Temporarily narrows the buffer rather than slicing it: a slice would allocate per segment.
        final int savedPosition = buf.position();
        final int savedLimit = buf.limit();
        crc.reset();
        buf.limit(offset + CRC_VALUE_OFFSET).position(offset);
        crc.update(buf);
        crc.update(ZERO_CRC, 0, ZERO_CRC.length);
        buf.limit(offset + length).position(offset + CRC_VALUE_OFFSET + 4);
        crc.update(buf);
        buf.limit(savedLimit).position(savedPosition);
        return (int)crc.getValue();
    }
}
