package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.buffer.ReceiveBuffer;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;

import java.nio.ByteBuffer;

/**
 * The receive sequence space of RFC 9293 (§3.3.1, Figure 4): the IRS, RCV.NXT and the reassembly
 * buffer behind it, the window offered to the peer and its autotuning, the SACK blocks that report
 * what arrived out of order, and the peer's FIN. It decides which segments are acceptable (Table 6)
 * and takes their data; when to acknowledge is {@link AckPolicy}'s.
 */
final class ReceiveSide
{
    private static final long NS_PER_MS = 1_000_000L;

    /** What the peer's FIN did to the stream. */
    enum FinOutcome
    {
        /** The FIN was already taken (a retransmission). */
        DUPLICATE,
        /** Bytes before it are missing: it takes effect once they arrive. */
        PENDING,
        /** It is at RCV.NXT: the stream has ended. */
        IN_ORDER
    }

    private final ReceiveBuffer buffer;
    private final ReceiveWindow window;
    private final SackReporter sack;
    private final ReceiveAutotuning autotuning = new ReceiveAutotuning();
    private int irs;
    private boolean finReceived;
    private boolean finPending;
    private int finSeq;

    /** @param maxBufferBytes the most autotuning may grow the buffer to */
    ReceiveSide(final int maxBufferBytes, final MemoryBudget.Account memory)
    {
        this.buffer = new ReceiveBuffer(ReceiveAutotuning.INITIAL_BUFFER_BYTES, maxBufferBytes, memory);
        this.window = new ReceiveWindow(buffer);
        this.sack = new SackReporter(buffer);
    }

    /**
     * The peer's ISN is known.
     *
     * @param advertisedWindowBytes the window already offered (by a SYN cookie's SYN+ACK), else 0
     * @param windowShift the shift applied to the windows this side advertises
     */
    void init(final int peerIsn, final int advertisedWindowBytes, final int windowShift)
    {
        irs = peerIsn;
        buffer.init(irs + 1);
        window.init(irs + 1 + advertisedWindowBytes);
        window.shift(windowShift);
    }

    /** {@return the peer's ISN (IRS)} */
    int irs()
    {
        return irs;
    }

    int rcvNxt()
    {
        return buffer.rcvNxt();
    }

    /** {@return the buffer (for reads and inspection)} */
    ReceiveBuffer buffer()
    {
        return buffer;
    }

    /** {@return RCV.WND: what was offered to the peer (the buffer may hold more, but the peer was not offered it)} */
    int offeredBytes()
    {
        return window.offeredBytes();
    }

    /** {@return whether a segment of {@code segLen} at {@code seq} is at RCV.NXT against a zero window: its ACK and RST still count} */
    boolean atZeroWindowEdge(final int seq, final int segLen)
    {
        return window.offeredBytes() == 0 && segLen > 0 && seq == buffer.rcvNxt();
    }

    /** RFC 9293 Table 6, modulo 2^32, against the window offered. */
    boolean acceptable(final int seq, final int segLen)
    {
        return acceptable(seq, segLen, buffer.rcvNxt(), window.offeredBytes());
    }

    static boolean acceptable(final int seq, final int segLen, final int rcvNxt, final int rcvWnd)
    {
        if (segLen == 0)
        {
            return rcvWnd == 0 ? seq == rcvNxt : SeqNum.inRange(seq, rcvNxt, rcvNxt + rcvWnd);
        }
        if (rcvWnd == 0)
        {
            return false;
        }
        return SeqNum.inRange(seq, rcvNxt, rcvNxt + rcvWnd) || SeqNum.inRange(seq + segLen - 1, rcvNxt, rcvNxt + rcvWnd);
    }

    /**
     * A sequence number a blind spoofer could not have made up: ahead of RCV.NXT by at most the window
     * offered now, behind it by at most the largest window ever offered (at least a segment either
     * way). Behind by that much is what the peer resends when none of its window was acknowledged:
     * after a NAT rebinding this side's ACKs go to the old mapping, and with the application not
     * reading, the window offered now may be closed. Bounded by that, the peer's retransmissions were
     * not plausible, no challenge went out, and the connection stalled.
     */
    boolean plausible(final int seq, final int mssDataBytes)
    {
        final int rcvNxt = buffer.rcvNxt();
        final int behindBytes = Math.max(window.maxOfferedBytes(), mssDataBytes);
        final int aheadBytes = Math.max(window.offeredBytes(), mssDataBytes);
        return SeqNum.ge(seq, rcvNxt - behindBytes) && SeqNum.le(seq, rcvNxt + aheadBytes);
    }

    /** Data this side already has: reported in a D-SACK block (RFC 2883), as Linux does. */
    void reportIfDuplicate(final Segment seg)
    {
        if (sack.isDuplicate(seg.seq, seg.payloadLength()))
        {
            sack.reportDuplicate(seg.seq, seg.seq + seg.payloadLength());
        }
    }

    /**
     * Receive-window autotuning (once a round trip, the buffer follows how fast the application
     * reads), ahead of data arriving.
     *
     * @param echoedMs the age of the timestamp the segment echoes, or -1
     */
    void autotune(final long nowNs, final long echoedMs, final long bytesRead, final long srttNs)
    {
        if (echoedMs >= 0)
        {
            autotuning.onRttSample(echoedMs * NS_PER_MS);
        }
        final long target = autotuning.onData(nowNs, bytesRead, srttNs);
        if (target > buffer.capacity())
        {
            buffer.raiseLimit((int)Math.min(target, Integer.MAX_VALUE));
        }
    }

    /**
     * Data is about to be taken: the part of it that arrived before is reported in a D-SACK block.
     * Called before anything is pruned, so a duplicate of pruned data is still reported.
     */
    void noteArrival(final Segment seg)
    {
        sack.onData(seg.seq, seg.payloadLength());
    }

    /**
     * Takes the segment's data into the buffer.
     *
     * @return bytes RCV.NXT advanced, or -1 if there was no room for it
     */
    int accept(final Segment seg)
    {
        return buffer.accept(seg.seq, seg.payloadBuffer(), seg.payloadOffset(), seg.payloadLength());
    }

    /**
     * Under memory pressure, out-of-order data goes first: never acknowledged, it can be resent,
     * where in-order data cannot be taken back.
     *
     * @return bytes pruned
     */
    int pruneOutOfOrder()
    {
        final int bytes = buffer.outOfOrderBytes();
        buffer.pruneOutOfOrder();
        return bytes;
    }

    /** The peer's FIN at sequence {@code seq} (RFC 9293 §3.10.7.4, eighth check). */
    FinOutcome onFin(final int seq)
    {
        if (finReceived)
        {
            return FinOutcome.DUPLICATE;
        }
        if (seq != buffer.rcvNxt())
        {
            finPending = true;
            finSeq = seq;
            return FinOutcome.PENDING;
        }
        finPending = false;
        finReceived = true;
        buffer.consumeControl();
        return FinOutcome.IN_ORDER;
    }

    /** {@return whether a FIN that came early is now at RCV.NXT} */
    boolean pendingFinReached()
    {
        return finPending && buffer.rcvNxt() == finSeq;
    }

    int pendingFinSeq()
    {
        return finSeq;
    }

    /** {@return whether the peer's FIN has been taken: once the buffer is read, the stream has ended} */
    boolean finReceived()
    {
        return finReceived;
    }

    /** {@return the window field for an outgoing segment (unscaled in a SYN)} */
    int windowField(final boolean syn, final int mssDataBytes)
    {
        return window.field(syn, mssDataBytes);
    }

    boolean hasSackBlocks()
    {
        return sack.hasBlocks();
    }

    void addSackBlocks(final Segment seg, final int maxBlocks)
    {
        sack.addBlocks(seg, maxBlocks);
    }

    /** {@return whether a read opened the window enough to be worth telling the peer now} */
    boolean windowUpdateWorthSending(final int mssDataBytes)
    {
        return window.updateWorthSending(mssDataBytes);
    }

    int read(final ByteBuffer dst)
    {
        return buffer.read(dst);
    }

    int readable()
    {
        return buffer.readable();
    }

    /** The connection ended abnormally: what was not read is gone. */
    void discard()
    {
        buffer.discard();
    }

    /** {@return the state in one line, RCV.NXT relative to the IRS} */
    String describe()
    {
        return "rcvNxt=" + (buffer.rcvNxt() - irs) + " readable=" + buffer.readable() + " rcvWnd=" + buffer.window();
    }
}
