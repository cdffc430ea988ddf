package io.rudp.core.connection;

import io.rudp.core.buffer.SendBuffer;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The send sequence space across the sequence-number wrap: window rules, Nagle, FIN, release on ACK. */
class SendSpaceTest
{
    private static final int MSS = 1000;
    /** Data starts just below 2^32, so every rule here is checked across the wrap. */
    private static final int ISS = -500;

    private static SendSpace established(final boolean noDelay, final long peerWindowBytes)
    {
        final SendSpace snd = new SendSpace(ISS, new SendBuffer(1 << 20), noDelay);
        snd.onSynSent();
        snd.initWindow(77, ISS + 1, peerWindowBytes);
        snd.onSynAcked(ISS + 1);
        return snd;
    }

    private static Segment ack(final int seq, final int ack, final int window)
    {
        final Segment seg = new Segment().clear();
        seg.flags = TcpFlags.ACK;
        seg.seq = seq;
        seg.ack = ack;
        seg.window = window;
        return seg;
    }

    @Test
    void dataIsSentInSegmentsWithinThePeersWindowAndReleasedWhenAcknowledged()
    {
        final SendSpace snd = established(false, 2500);
        assertEquals(3000, snd.append(ByteBuffer.wrap(new byte[3000])));
        assertEquals(MSS, snd.nextNewDataBytes(snd.peerWindowRoomBytes(), MSS, false));
        snd.onSent(snd.nxt() + MSS, false, false);
        snd.onSent(snd.nxt() + MSS, false, false);
        assertEquals(500, snd.peerWindowRoomBytes());
        assertTrue(snd.peerWindowLimited(MSS), "1,000 bytes wait on a 500-byte window");
        assertEquals(-1, snd.nextNewDataBytes(snd.peerWindowRoomBytes(), MSS, false),
            "silly-window avoidance: half a segment is less than half the largest window");
        assertEquals(2000, snd.inFlightBytes());

        assertEquals(MSS, snd.onAckAdvanced(ISS + 1 + MSS));
        assertEquals(ISS + 1 + MSS, snd.una());
        assertTrue(snd.updateWindow(ack(78, ISS + 1 + MSS, 2500), 0));
        assertEquals(1500, snd.peerWindowRoomBytes());
        assertFalse(snd.updateWindow(ack(77, ISS + 1 + MSS, 9999), 0), "an older segment does not move the window");
    }

    @Test
    void nagleHoldsASmallSegmentWhileDataIsOutstandingUnlessNoDelay()
    {
        for (final boolean noDelay : new boolean[] {false, true})
        {
            final SendSpace snd = established(noDelay, 64_000);
            snd.append(ByteBuffer.wrap(new byte[100]));
            assertEquals(100, snd.nextNewDataBytes(64_000, MSS, false), "nothing outstanding: goes at once");
            snd.onSent(snd.nxt() + 100, false, false);
            snd.append(ByteBuffer.wrap(new byte[100]));
            assertEquals(noDelay ? 100 : -1, snd.nextNewDataBytes(64_000, MSS, false), "noDelay=" + noDelay);
            snd.forceSend();
            assertEquals(100, snd.nextNewDataBytes(64_000, MSS, false), "the persist timer overrides");
        }
    }

    @Test
    void theFinTakesTheSequenceNumberAfterTheDataAndIsAcknowledgedPastIt()
    {
        final SendSpace snd = established(true, 64_000);
        snd.append(ByteBuffer.wrap(new byte[10]));
        snd.queueFin();
        assertEquals(ISS + 11, snd.finSeq());
        assertTrue(snd.reachesFin(ISS + 1, snd.lengthAt(ISS + 1, MSS)));
        snd.onSent(ISS + 12, true, false);
        assertTrue(snd.finSent());
        assertFalse(snd.finDueAtNxt());
        assertEquals(-1, snd.unsentBytes(), "after the FIN, SND.NXT is one past the data");
        snd.onAckAdvanced(ISS + 11);
        assertFalse(snd.finAcked());
        snd.onAckAdvanced(ISS + 12);
        assertTrue(snd.finAcked());
        assertTrue(snd.allAcknowledged());
    }

    @Test
    void acknowledgmentsAreJudgedAgainstWhatWasSent()
    {
        final SendSpace snd = established(true, 10_000);
        snd.append(ByteBuffer.wrap(new byte[5000]));
        snd.onSent(ISS + 1 + 5000, false, false);
        assertTrue(snd.acksNew(ISS + 1 + 5000));
        assertFalse(snd.acksNew(ISS + 1), "not new");
        assertTrue(snd.acksSent(ISS + 1));
        assertTrue(snd.acksUnsent(ISS + 1 + 5001));
        assertTrue(snd.ackPlausible(ISS + 1 - 10_000));
        assertFalse(snd.ackPlausible(ISS - 10_000), "more than a window below SND.UNA");
        assertTrue(snd.ackTooOld(ISS - 10_000));
        assertTrue(snd.isDuplicateAck(ack(77, ISS + 1, 10_000), 10_000));
        assertFalse(snd.isDuplicateAck(ack(77, ISS + 1, 10_000), 9_000), "a window update is not a duplicate");
    }

    @Test
    void aWindowProbeDoesNotAdvanceSndNxtAndABlockedWriterHearsWhenThereIsRoom()
    {
        final SendSpace snd = new SendSpace(ISS, new SendBuffer(4096), true);
        snd.onSynSent();
        snd.onSynAcked(ISS + 1);
        final ByteBuffer big = ByteBuffer.wrap(new byte[1 << 21]);
        snd.append(big);
        assertTrue(big.hasRemaining());
        assertFalse(snd.takeWritable(), "no room yet");
        snd.onSent(ISS + 2, false, true);
        assertEquals(ISS + 1, snd.nxt(), "a window probe's byte is sent again normally");
        assertEquals(ISS + 2, snd.max());
        snd.onAckAdvanced(ISS + 2);
        assertTrue(snd.takeWritable());
        assertFalse(snd.takeWritable(), "once");
        final byte[] copied = new byte[3];
        snd.copy(ISS + 2, 3, ByteBuffer.wrap(copied), 0);
        assertArrayEquals(new byte[3], copied);
    }
}
