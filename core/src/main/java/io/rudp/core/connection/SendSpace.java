package io.rudp.core.connection;

import io.rudp.core.buffer.SendBuffer;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.codec.TcpFlags;

import java.nio.ByteBuffer;

/**
 * The send sequence space of RFC 9293 (§3.3.1, Figure 3) and what fills it: the send buffer, the
 * peer's window, the FIN, and the decisions that depend on nothing else — whether the next bytes
 * are worth a segment (Nagle, sender-side silly-window avoidance) and how far the peer's window
 * lets them go.
 *
 * <p>Names follow RFC 9293: {@code una} (SND.UNA, oldest unacknowledged), {@code nxt} (SND.NXT, next
 * new byte to send), {@code max} (the highest ever sent; what RFC 9293 calls SND.NXT for an ACK's
 * acceptability, since retransmissions come from the sent log, not by moving {@code nxt} back),
 * WL1/WL2 (the segment that last updated the window). The SYN takes the ISS; data starts at ISS+1;
 * the FIN takes the sequence number after the last byte.
 */
final class SendSpace
{
    /** The send buffer in force is what is outstanding plus two congestion windows, but never less than this. */
    static final int MIN_SEND_BUFFER_BYTES = 1 << 20;

    private final int iss;
    private final SendBuffer buffer;
    private int una;
    private int nxt;
    private int max;
    private int wl1;
    private int wl2;
    private long windowBytes;
    private long maxWindowBytes;
    /** Sequence number of the first byte in {@link #buffer}. */
    private int bufferSeq;
    private boolean finQueued;
    private int finSeq;
    private boolean finSent;
    private boolean finAcked;
    /** A write was refused for room: the application is owed a WRITABLE event once there is some. */
    private boolean writeBlocked;
    private boolean noDelay;
    /** The persist timer found a small window that silly-window avoidance would wait on forever: send anyway. */
    private boolean forceSend;

    SendSpace(final int iss, final SendBuffer buffer, final boolean noDelay)
    {
        this.iss = iss;
        this.buffer = buffer;
        this.noDelay = noDelay;
        this.una = iss;
        this.nxt = iss;
        this.max = iss;
        this.bufferSeq = iss + 1;
        buffer.limit(MIN_SEND_BUFFER_BYTES);
    }

    int iss()
    {
        return iss;
    }

    int una()
    {
        return una;
    }

    int nxt()
    {
        return nxt;
    }

    int max()
    {
        return max;
    }

    /** {@return the peer's window (SND.WND), scaled} */
    long windowBytes()
    {
        return windowBytes;
    }

    /** {@return bytes from SND.UNA to SND.NXT} */
    long inFlightBytes()
    {
        return nxt - una;
    }

    /** {@return whether everything sent is acknowledged} */
    boolean allAcknowledged()
    {
        return una == max;
    }

    long allocatedBytes()
    {
        return buffer.allocatedBytes();
    }

    // --- the handshake -------------------------------------------------------------------------

    /** The SYN (or SYN+ACK) went out: it took the ISS. */
    void onSynSent()
    {
        nxt = iss + 1;
        max = SeqNum.max(max, nxt);
    }

    /** The window from the handshake segment that brought it (its sequence and ACK number become WL1, WL2). */
    void initWindow(final int seq, final int ack, final long bytes)
    {
        wl1 = seq;
        wl2 = ack;
        windowBytes = bytes;
        maxWindowBytes = bytes;
    }

    /** Our SYN was acknowledged by {@code ack}. */
    void onSynAcked(final int ack)
    {
        una = ack;
        if (SeqNum.lt(nxt, una))
        {
            nxt = una;
        }
    }

    // --- acknowledgments -------------------------------------------------------------------------

    /** {@return whether {@code ack} acknowledges something never sent} */
    boolean acksUnsent(final int ack)
    {
        return SeqNum.gt(ack, max);
    }

    /** {@return whether {@code ack} acknowledges something new and sent: SND.UNA < ack <= SND.MAX} */
    boolean acksNew(final int ack)
    {
        return SeqNum.gt(ack, una) && SeqNum.le(ack, max);
    }

    /** {@return whether {@code ack} is within what was sent: SND.UNA <= ack <= SND.MAX} */
    boolean acksSent(final int ack)
    {
        return SeqNum.ge(ack, una) && SeqNum.le(ack, max);
    }

    /** RFC 5961 §5.2: an ACK more than the largest window ever advertised below SND.UNA is too old to trust. */
    boolean ackTooOld(final int ack)
    {
        return SeqNum.lt(ack, una - (int)Math.min(maxWindowBytes, Integer.MAX_VALUE));
    }

    /** An ACK a blind spoofer could not have made up: within what was sent, and not older than a window. */
    boolean ackPlausible(final int ack)
    {
        final int window = (int)Math.min(Math.max(maxWindowBytes, 1), Integer.MAX_VALUE);
        return !SeqNum.gt(ack, max) && !SeqNum.lt(ack, una - window);
    }

    /** Send-window update rule of RFC 9293 §3.10.7.4: only from a segment newer than the last update. */
    boolean updateWindow(final Segment seg, final int shift)
    {
        if (SeqNum.lt(wl1, seg.seq) || (wl1 == seg.seq && SeqNum.le(wl2, seg.ack)))
        {
            windowBytes = (long)seg.window << shift;
            wl1 = seg.seq;
            wl2 = seg.ack;
            maxWindowBytes = Math.max(maxWindowBytes, windowBytes);
            return true;
        }
        return false;
    }

    /** RFC 5681 §2: no data, no SYN/FIN, same window, data outstanding. */
    boolean isDuplicateAck(final Segment seg, final long windowBefore)
    {
        return seg.ack == una && seg.payloadLength() == 0 && !seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.FIN)
            && windowBytes == windowBefore && max != una;
    }

    /**
     * SND.UNA advances to {@code ack}: the bytes it covers leave the send buffer.
     *
     * @return data bytes released
     */
    int onAckAdvanced(final int ack)
    {
        una = ack;
        if (SeqNum.lt(nxt, una))
        {
            nxt = una;
        }
        final int releasable = SeqNum.diff(SeqNum.min(ack, dataEnd()), bufferSeq);
        if (releasable > 0)
        {
            buffer.release(releasable);
            bufferSeq += releasable;
        }
        if (finSent && SeqNum.gt(ack, finSeq))
        {
            finAcked = true;
        }
        return Math.max(releasable, 0);
    }

    /**
     * The send buffer in force: what is outstanding (SACKed data stays until the cumulative ACK
     * covers it) plus two windows to send next, at least {@link #MIN_SEND_BUFFER_BYTES}; so a hole
     * being repaired never leaves the sender without new data to clock RACK with.
     */
    void autotuneBuffer(final long cwndBytes)
    {
        final long wanted = SeqNum.diff(max, una) + 2 * cwndBytes;
        buffer.limit((int)Math.min(Math.max(wanted, MIN_SEND_BUFFER_BYTES), Integer.MAX_VALUE));
    }

    /** {@return true once, when a refused writer can write again} */
    boolean takeWritable()
    {
        if (writeBlocked && buffer.freeBytes() > 0 && !finQueued)
        {
            writeBlocked = false;
            return true;
        }
        return false;
    }

    // --- the application -----------------------------------------------------------------------

    /** Queues what fits of {@code src}; a writer left with bytes is owed a WRITABLE event. */
    int append(final ByteBuffer src)
    {
        final int accepted = buffer.append(src);
        if (src.hasRemaining())
        {
            writeBlocked = true;
        }
        return accepted;
    }

    int freeBytes()
    {
        return buffer.freeBytes();
    }

    /** The FIN goes after the data queued so far. */
    void queueFin()
    {
        finQueued = true;
        finSeq = dataEnd();
    }

    boolean finQueued()
    {
        return finQueued;
    }

    int finSeq()
    {
        return finSeq;
    }

    boolean finSent()
    {
        return finSent;
    }

    boolean finAcked()
    {
        return finAcked;
    }

    /** {@return whether the FIN is queued and nothing but the FIN is left to send} */
    boolean onlyFinLeft()
    {
        return finQueued && !finSent && unsentBytes() == 0;
    }

    /** {@return whether the FIN is due next, at SND.NXT} */
    boolean finDueAtNxt()
    {
        return finQueued && nxt == finSeq;
    }

    boolean noDelay()
    {
        return noDelay;
    }

    void noDelay(final boolean value)
    {
        noDelay = value;
    }

    /** Sends the next segment even if it is small (the persist timer's answer to a small window). */
    void forceSend()
    {
        forceSend = true;
    }

    // --- sending -------------------------------------------------------------------------------

    /** {@return the sequence number after the last byte queued} */
    int dataEnd()
    {
        return bufferSeq + buffer.length();
    }

    /** {@return unsent data bytes (from SND.NXT to the end of the send buffer); negative once FIN is sent} */
    int unsentBytes()
    {
        return SeqNum.diff(dataEnd(), nxt);
    }

    /** {@return new data the peer's window still admits: from SND.MAX to SND.UNA + SND.WND} */
    long peerWindowRoomBytes()
    {
        return windowBytes - SeqNum.diff(max, una);
    }

    /** {@return room a probe has: the peer's window past SND.NXT (a probe ignores the congestion window, never the peer's)} */
    long probeRoomBytes()
    {
        return windowBytes - SeqNum.diff(nxt, una);
    }

    /** {@return whether the peer's window, rather than the congestion window, keeps the next segment back} */
    boolean peerWindowLimited(final int mssDataBytes)
    {
        return unsentBytes() > 0 && peerWindowRoomBytes() < Math.min(unsentBytes(), mssDataBytes);
    }

    /**
     * How much new data to send from SND.NXT: as much as a segment and {@code roomBytes} allow,
     * subject to Nagle and silly-window avoidance unless this is a probe or the persist timer forced it.
     *
     * @return bytes (0 for a FIN alone), or -1 if nothing is to be sent
     */
    int nextNewDataBytes(final long roomBytes, final int mssDataBytes, final boolean probe)
    {
        final int unsent = Math.max(0, unsentBytes());
        int length = (int)Math.max(0, Math.min(Math.min(unsent, roomBytes), mssDataBytes));
        if (length > 0 && !forceSend && !probe && !worthSending(length, unsent, mssDataBytes))
        {
            length = 0;
        }
        if (length == 0 && !finDueAtNxt())
        {
            return -1;
        }
        forceSend = false;
        return length;
    }

    /** Nagle (RFC 9293 §3.7.4) and sender-side silly-window avoidance (§3.8.6.2.1). */
    private boolean worthSending(final int length, final int unsent, final int mssDataBytes)
    {
        if (length >= mssDataBytes)
        {
            return true;
        }
        if (SeqNum.lt(nxt, max))
        {
            return true; // retransmitting after a timeout
        }
        final boolean allQueued = length == unsent;
        if (allQueued && (noDelay || nxt == una || finQueued))
        {
            return true;
        }
        return maxWindowBytes > 0 && length >= maxWindowBytes / 2;
    }

    /** {@return data bytes to send from {@code seq}: {@code maxLength}, or fewer at the end of the data} */
    int lengthAt(final int seq, final int maxLength)
    {
        return Math.max(0, Math.min(maxLength, SeqNum.diff(dataEnd(), seq)));
    }

    /** {@return whether a segment of {@code length} bytes from {@code seq} reaches the queued FIN} */
    boolean reachesFin(final int seq, final int length)
    {
        return finQueued && seq + length == finSeq;
    }

    /** Copies {@code length} bytes from {@code seq} into {@code dst} at {@code index}. */
    void copy(final int seq, final int length, final ByteBuffer dst, final int index)
    {
        buffer.copy(SeqNum.diff(seq, bufferSeq), length, dst, index);
    }

    /**
     * A segment covering {@code [seq, end)} went out. A window probe leaves SND.NXT alone: its byte is
     * sent again normally once the window opens.
     */
    void onSent(final int end, final boolean fin, final boolean windowProbe)
    {
        if (fin)
        {
            finSent = true;
        }
        if (!windowProbe)
        {
            nxt = SeqNum.max(nxt, end);
        }
        max = SeqNum.max(max, end);
    }

    /** {@return the state in one line, sequence numbers relative to the ISS} */
    String describe()
    {
        return "una=" + (una - iss) + " nxt=" + (nxt - iss) + " max=" + (max - iss) + " unsent=" + unsentBytes()
            + " sndWnd=" + windowBytes;
    }
}
