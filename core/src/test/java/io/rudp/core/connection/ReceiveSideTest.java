package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table 6 acceptability, reassembly, D-SACK and the peer's FIN, across the sequence wrap. */
class ReceiveSideTest
{
    /** The peer's data starts just below 2^32. */
    private static final int IRS = -300;

    private static ReceiveSide receiver()
    {
        final ReceiveSide rcv = new ReceiveSide(1 << 20, MemoryBudget.unlimited().open());
        rcv.init(IRS, 0, 0);
        return rcv;
    }

    private static Segment data(final int seq, final int length)
    {
        final Segment seg = new Segment().clear();
        seg.flags = TcpFlags.ACK;
        seg.seq = seq;
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seq + i);
        }
        seg.payload(ByteBuffer.wrap(bytes), 0, length);
        return seg;
    }

    @Test
    void table6AcceptsWhatOverlapsTheWindowAndAZeroWindowOnlyItsEdge()
    {
        assertTrue(ReceiveSide.acceptable(100, 0, 100, 0), "an empty segment at RCV.NXT, zero window");
        assertFalse(ReceiveSide.acceptable(101, 0, 100, 0));
        assertFalse(ReceiveSide.acceptable(100, 10, 100, 0), "data against a zero window");
        assertTrue(ReceiveSide.acceptable(90, 20, 100, 50), "overlaps the start of the window");
        assertFalse(ReceiveSide.acceptable(80, 20, 100, 50), "entirely old");
        assertTrue(ReceiveSide.acceptable(-10, 20, -5, 50), "across the wrap");
        assertFalse(ReceiveSide.acceptable(150, 1, 100, 50), "just past the window");
    }

    @Test
    void outOfOrderDataWaitsForTheHoleAndDuplicatesAreReportedInADsack()
    {
        final ReceiveSide rcv = receiver();
        final int first = IRS + 1;
        assertEquals(0, rcv.accept(data(first + 100, 100)), "out of order: RCV.NXT stays");
        assertTrue(rcv.hasSackBlocks());
        final Segment again = data(first + 100, 100);
        rcv.noteArrival(again);
        assertEquals(200, rcv.accept(data(first, 100)), "the hole filled: RCV.NXT moves past both pieces");
        final ByteBuffer out = ByteBuffer.allocate(300);
        assertEquals(200, rcv.read(out));
        assertEquals((byte)first, out.get(0));
        assertEquals((byte)(first + 199), out.get(199));
        final Segment seg = new Segment().clear();
        rcv.addSackBlocks(seg, 4);
        assertEquals(1, seg.sackBlockCount, "the D-SACK of the repeated segment");
    }

    @Test
    void aFinOutOfOrderTakesEffectWhenTheBytesBeforeItArrive()
    {
        final ReceiveSide rcv = receiver();
        final int first = IRS + 1;
        assertEquals(ReceiveSide.FinOutcome.PENDING, rcv.onFin(first + 10));
        assertFalse(rcv.pendingFinReached());
        rcv.accept(data(first, 10));
        assertTrue(rcv.pendingFinReached());
        assertEquals(ReceiveSide.FinOutcome.IN_ORDER, rcv.onFin(rcv.pendingFinSeq()));
        assertTrue(rcv.finReceived());
        assertEquals(first + 11, rcv.rcvNxt(), "the FIN takes a sequence number");
        assertEquals(ReceiveSide.FinOutcome.DUPLICATE, rcv.onFin(first + 10));
    }

    @Test
    void aPlausibleSequenceNumberIsWithinAWindowOfRcvNxt()
    {
        final ReceiveSide rcv = receiver();
        final int first = IRS + 1;
        assertTrue(rcv.plausible(first + 1000, 1000), "the window is at least a segment");
        assertFalse(rcv.plausible(first + 1001, 1000));
        assertTrue(rcv.plausible(first - 1000, 1000));
        assertFalse(rcv.plausible(first - 1001, 1000));
    }

    @Test
    void aPeerResendingAWholeUnacknowledgedWindowIsPlausibleWhileTheWindowIsClosed()
    {
        // After a NAT rebinding this side's ACKs go to the dead mapping: the peer, having sent all of
        // the 65,535 bytes offered, resends from their start. Meanwhile the application read nothing,
        // so the window offered now is closed. The resent segment must still be plausible (it is what
        // a challenge of the new address waits for); a window plus a segment behind is not.
        final ReceiveSide rcv = receiver();
        final int first = IRS + 1;
        assertEquals(0xFFFF, rcv.windowField(false, 1000), "65,535 bytes offered (no window scaling)");
        for (int seq = first; seq != first + 65_000; seq += 1000)
        {
            rcv.accept(data(seq, 1000));
        }
        assertEquals(first + 65_000, rcv.rcvNxt());
        assertTrue(rcv.plausible(first, 1000), "the oldest byte of the window, 65,000 behind RCV.NXT");
        assertFalse(rcv.plausible(first - 1000, 1000), "beyond the largest window ever offered");
        assertTrue(rcv.plausible(first + 66_000, 1000), "ahead: a segment, the window offered now being 535 bytes");
        assertFalse(rcv.plausible(first + 66_001, 1000));
    }
}
