package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.timer.TimerKind;
import org.junit.jupiter.api.Test;

import static io.rudp.core.connection.SendingParts.ISS;
import static io.rudp.core.connection.SendingParts.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An incoming ACK judged, sampled and applied to the sending side. */
class AckReceiverTest
{
    private static final long T0 = -4_000_000_000_000L;

    private final SendingParts parts = new SendingParts();

    private static Segment ack(final int ack, final int window)
    {
        final Segment seg = new Segment().clear();
        seg.flags = TcpFlags.ACK;
        seg.seq = 101;
        seg.ack = ack;
        seg.window = window;
        return seg;
    }

    @Test
    void anAckForWhatWasNeverSentOrFromTooFarBackIsRejected()
    {
        parts.window(10_000, 3000).sendAll(T0);
        final int sentEnd = parts.snd.max();
        assertEquals(AckReceiver.Verdict.UNSENT, parts.ackReceiver.onAck(T0, ack(sentEnd + 1, 10_000)));
        assertEquals(AckReceiver.Verdict.TOO_OLD, parts.ackReceiver.onAck(T0, ack(ISS - 20_000, 10_000)));
        assertEquals(AckReceiver.Verdict.ACCEPTED, parts.ackReceiver.onAck(T0, ack(ISS + 1, 10_000)));
        assertEquals(ISS + 1, parts.snd.una());
    }

    @Test
    void aNewAckReleasesTheBufferTakesAnRttSampleAndStopsTheTimerWhenAllIsAcknowledged()
    {
        parts.window(100_000, 3000).sendAll(T0);
        assertTrue(parts.timers.isArmed(TimerKind.RETRANSMIT));
        final int mss = parts.path.mssDataBytes();
        assertEquals(AckReceiver.Verdict.ADVANCED, parts.ackReceiver.onAck(T0 + 30 * MS, ack(ISS + 1 + mss, 100_000)));
        assertEquals(30 * MS, parts.path.rtt().srttNs(), "from the send time of the segment it acknowledges");
        assertEquals(mss, parts.counters.bytesAcked);
        assertTrue(parts.timers.isArmed(TimerKind.RETRANSMIT), "more is outstanding");
        parts.ackReceiver.onAck(T0 + 31 * MS, ack(parts.snd.max(), 100_000));
        assertTrue(parts.snd.allAcknowledged());
        assertFalse(parts.timers.isArmed(TimerKind.RETRANSMIT));
    }

    @Test
    void aWindowThatOpensStopsThePersistTimer()
    {
        parts.window(0, 3000);
        parts.sender.armPersistIfBlocked(T0, ConnectionState.ESTABLISHED);
        assertTrue(parts.timers.isArmed(TimerKind.PERSIST));
        final Segment opens = ack(ISS + 1, 5000);
        opens.seq = 102; // newer than the segment that set the window
        parts.ackReceiver.onAck(T0 + MS, opens);
        assertFalse(parts.timers.isArmed(TimerKind.PERSIST));
        assertEquals(5000, parts.snd.windowBytes());
    }
}
