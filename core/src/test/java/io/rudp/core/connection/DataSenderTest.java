package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.buffer.SendBuffer;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.recovery.LossRecovery;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which data segment goes next, and the timers that guard it, from a clock far from zero. */
class DataSenderTest
{
    private static final long MS = 1_000_000L;
    private static final long T0 = 9_000_000_000_000L;
    private static final int ISS = 1;

    private final RudpConfig config = RudpConfig.builder().pathMtuDiscovery(false).build();
    private final NegotiatedOptions options = new NegotiatedOptions(config, ISS);
    private final SendSpace snd = new SendSpace(ISS, new SendBuffer(1 << 20), true);
    private final ReceiveSide rcv = new ReceiveSide(1 << 20, MemoryBudget.unlimited().open());
    private final TimerTable timers = new TimerTable();
    private final ConnectionCounters counters = new ConnectionCounters();
    private final LossRecovery recovery = new LossRecovery();
    private final Liveness liveness = new Liveness(config);
    private final NetworkPath path;
    private final DataSender sender;
    private final ByteBuffer datagram = ByteBuffer.allocate(65_536);

    DataSenderTest()
    {
        options.negotiate(-1, true, true, 0);
        rcv.init(100, 0, 0);
        path = new NetworkPath(config, options, 1500);
        path.startWithPeerMss(1460);
        recovery.init(ISS);
        recovery.configure(true, path.mssDataBytes());
        snd.onSynSent();
        snd.onSynAcked(ISS + 1);
        final AckPolicy acks = new AckPolicy(40 * MS, 10);
        acks.init(101);
        final SegmentWriter writer = new SegmentWriter(1, 2, new Segment(), new SegmentCodec(), options, acks, snd, rcv,
            path, timers, counters);
        sender = new DataSender(snd, path, recovery, options, liveness, writer, timers, counters);
    }

    private Segment decode(final int length)
    {
        final Segment seg = new Segment();
        assertNull(new SegmentCodec().decode(ByteBuffer.wrap(datagram.array(), 0, length), seg));
        return seg;
    }

    @Test
    void newDataGoesInFullSegmentsUpToTheInitialWindowUnderTheRetransmissionTimer()
    {
        snd.initWindow(100, ISS + 1, 1 << 20);
        snd.append(ByteBuffer.wrap(new byte[100_000]));
        int segments = 0;
        int length;
        while ((length = sender.sendPaced(T0, datagram, 0, ConnectionState.ESTABLISHED)) > 0)
        {
            assertEquals(path.mssDataBytes(), decode(length).payloadLength());
            segments++;
        }
        assertEquals(10, segments, "IW10, unpaced before the first RTT sample");
        assertTrue(timers.isArmed(TimerKind.RETRANSMIT));
        assertEquals(T0 + config.initialRtoNs(), timers.deadlineNs(TimerKind.RETRANSMIT));
        assertEquals(0, sender.sendPaced(T0, datagram, 0, ConnectionState.SYN_SENT), "no data before ESTABLISHED");
    }

    @Test
    void aShutWindowGetsOneByteProbesThatLeaveSndNxtAlone()
    {
        snd.initWindow(100, ISS + 1, 0);
        snd.append(ByteBuffer.wrap(new byte[5000]));
        assertEquals(0, sender.sendPaced(T0, datagram, 0, ConnectionState.ESTABLISHED));
        sender.armPersistIfBlocked(T0, ConnectionState.ESTABLISHED);
        assertTrue(timers.isArmed(TimerKind.PERSIST), "only the persist timer can unblock it");
        assertEquals(0, sender.sendWindowProbe(T0, datagram, 0), "not due until the timer fires");
        assertNull(sender.onPersistTimeout(T0 + config.initialRtoNs()));
        final Segment probe = decode(sender.sendWindowProbe(T0 + config.initialRtoNs(), datagram, 0));
        assertEquals(1, probe.payloadLength());
        assertEquals(ISS + 1, probe.seq);
        assertEquals(ISS + 1, snd.nxt(), "the probe's byte goes again normally once the window opens");
        assertEquals(1, counters.zeroWindowProbes);
        assertEquals(0, sender.sendWindowProbe(T0, datagram, 0), "one probe per expiry");
    }

    @Test
    void pacingHoldsDataBackAndArmsItsTimer()
    {
        snd.initWindow(100, ISS + 1, 1 << 20);
        snd.append(ByteBuffer.wrap(new byte[100_000]));
        path.rtt().onSample(100 * MS); // a rate: two windows per 100 ms
        int sent = 0;
        while (sender.sendPaced(T0, datagram, 0, ConnectionState.ESTABLISHED) > 0)
        {
            sent++;
        }
        assertTrue(sent >= 1 && sent < 10, "the pacer lets a burst of a few segments through, not the window: " + sent);
        assertTrue(timers.isArmed(TimerKind.PACING));
        assertTrue(timers.deadlineNs(TimerKind.PACING) > T0);
    }

    @Test
    void afterATimeoutTheOldestSegmentGoesAgainFirst()
    {
        snd.initWindow(100, ISS + 1, 1 << 20);
        snd.append(ByteBuffer.wrap(new byte[3000]));
        while (sender.sendPaced(T0, datagram, 0, ConnectionState.ESTABLISHED) > 0)
        {
            // all of it
        }
        assertEquals(0, sender.retransmitOldest(T0, datagram, 0));
        recovery.onRetransmissionTimeout(T0 + 1000 * MS, snd.max(), path.congestion());
        assertEquals(0, sender.retransmitOldest(T0 + 1000 * MS, datagram, 0), "with SACK, lost records go by the window");
        final Segment again = decode(sender.sendPaced(T0 + 1000 * MS, datagram, 0, ConnectionState.ESTABLISHED));
        assertEquals(ISS + 1, again.seq);
        assertEquals(path.mssDataBytes(), again.payloadLength());
        assertEquals(1, counters.retransmittedSegments);
        assertFalse(again.has(TcpFlags.FIN));
    }
}
