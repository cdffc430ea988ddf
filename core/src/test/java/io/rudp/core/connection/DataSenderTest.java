package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.timer.TimerKind;
import org.junit.jupiter.api.Test;

import static io.rudp.core.connection.SendingParts.ISS;
import static io.rudp.core.connection.SendingParts.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which data segment goes next, and the timers that guard it, from a clock far from zero. */
class DataSenderTest
{
    private static final long T0 = 9_000_000_000_000L;

    private final SendingParts parts = new SendingParts();
    private final DataSender sender = parts.sender;

    @Test
    void newDataGoesInFullSegmentsUpToTheInitialWindowUnderTheRetransmissionTimer()
    {
        parts.window(1 << 20, 100_000);
        int segments = 0;
        int length;
        while ((length = sender.sendPaced(T0, parts.datagram, 0, ConnectionState.ESTABLISHED)) > 0)
        {
            assertEquals(parts.path.mssDataBytes(), parts.decode(length).payloadLength());
            segments++;
        }
        assertEquals(10, segments, "IW10, unpaced before the first RTT sample");
        assertEquals(T0 + parts.config.initialRtoNs(), parts.timers.deadlineNs(TimerKind.RETRANSMIT));
        assertEquals(0, sender.sendPaced(T0, parts.datagram, 0, ConnectionState.SYN_SENT), "no data before ESTABLISHED");
    }

    @Test
    void aShutWindowGetsOneByteProbesThatLeaveSndNxtAlone()
    {
        parts.window(0, 5000);
        final long rtoNs = parts.config.initialRtoNs();
        assertEquals(0, parts.sendAll(T0));
        sender.armPersistIfBlocked(T0, ConnectionState.ESTABLISHED);
        assertTrue(parts.timers.isArmed(TimerKind.PERSIST), "only the persist timer can unblock it");
        assertEquals(0, sender.sendWindowProbe(T0, parts.datagram, 0), "not due until the timer fires");
        assertNull(sender.onPersistTimeout(T0 + rtoNs));
        final Segment probe = parts.decode(sender.sendWindowProbe(T0 + rtoNs, parts.datagram, 0));
        assertEquals(1, probe.payloadLength());
        assertEquals(ISS + 1, probe.seq);
        assertEquals(ISS + 1, parts.snd.nxt(), "the probe's byte goes again normally once the window opens");
        assertEquals(1, parts.counters.zeroWindowProbes);
        assertEquals(0, sender.sendWindowProbe(T0, parts.datagram, 0), "one probe per expiry");
    }

    @Test
    void pacingHoldsDataBackAndArmsItsTimer()
    {
        parts.window(1 << 20, 100_000);
        parts.path.rtt().onSample(100 * MS); // a rate: two windows per 100 ms
        final int sent = parts.sendAll(T0);
        assertTrue(sent >= 1 && sent < 10, "the pacer lets a burst of a few segments through, not the window: " + sent);
        assertTrue(parts.timers.deadlineNs(TimerKind.PACING) > T0);
    }

    @Test
    void afterATimeoutTheOldestSegmentGoesAgainFirst()
    {
        parts.window(1 << 20, 3000);
        parts.sendAll(T0);
        parts.recovery.onRetransmissionTimeout(T0 + 1000 * MS, parts.snd.max());
        assertEquals(0, sender.retransmitOldest(T0 + 1000 * MS, parts.datagram, 0), "with SACK, lost records go by the window");
        final Segment again = parts.decode(sender.sendPaced(T0 + 1000 * MS, parts.datagram, 0, ConnectionState.ESTABLISHED));
        assertEquals(ISS + 1, again.seq);
        assertEquals(parts.path.mssDataBytes(), again.payloadLength());
        assertEquals(1, parts.counters.retransmittedSegments);
        assertFalse(again.has(TcpFlags.FIN));
    }
}
