package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.buffer.SendBuffer;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one written segment carries, decoded back as the peer would. */
class SegmentWriterTest
{
    private static final long MS = 1_000_000L;
    private static final int ISS = 1000;
    private static final int IRS = 5000;

    private final RudpConfig config = RudpConfig.defaults();
    private final SegmentCodec codec = new SegmentCodec();
    private final NegotiatedOptions options = new NegotiatedOptions(config, ISS);
    private final AckPolicy acks = new AckPolicy(40 * MS, 10);
    private final SendSpace snd = new SendSpace(ISS, new SendBuffer(1 << 20), true);
    private final ReceiveSide rcv = new ReceiveSide(1 << 20, MemoryBudget.unlimited().open());
    private final TimerTable timers = new TimerTable();
    private final ConnectionCounters counters = new ConnectionCounters();
    private final NetworkPath path;
    private final SegmentWriter writer;
    private final ByteBuffer datagram = ByteBuffer.allocate(65_536);

    SegmentWriterTest()
    {
        options.negotiate(7, true, true, 777);
        rcv.init(IRS, 0, options.receiveShift());
        acks.init(IRS + 1);
        path = new NetworkPath(config, options, 1500);
        path.startWithPeerMss(1460);
        snd.onSynSent();
        snd.onSynAcked(ISS + 1);
        writer = new SegmentWriter(4000, 5000, new Segment(), codec, options, acks, snd, rcv, path, timers, counters);
    }

    private Segment decode(final int length)
    {
        final Segment seg = new Segment();
        final DropReason drop = codec.decode(ByteBuffer.wrap(datagram.array(), 0, length), seg);
        assertNull(drop, "the peer accepts it");
        return seg;
    }

    @Test
    void aDataSegmentCarriesItsBytesTheAckTheWindowAndTimestamps()
    {
        snd.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        timers.set(TimerKind.DELAYED_ACK, 40 * MS);
        acks.requestNow();
        final int length = writer.write(3 * MS, datagram, 0, TcpFlags.ACK | TcpFlags.PSH, ISS + 1, 3, false);
        final Segment seg = decode(length);
        assertEquals(4000, seg.srcPort);
        assertEquals(5000, seg.dstPort);
        assertEquals(ISS + 1, seg.seq);
        assertEquals(IRS + 1, seg.ack);
        assertEquals(3, seg.payloadLength());
        assertEquals(2, seg.payloadBuffer().get(seg.payloadOffset() + 1));
        assertTrue(seg.hasTimestamps);
        assertEquals(ISS + 3, seg.tsVal, "the timestamp clock: ms from the ISS");
        assertEquals(777, seg.tsEcr);
        assertFalse(acks.due(), "the ACK it carried settles what was owed");
        assertFalse(timers.isArmed(TimerKind.DELAYED_ACK));
        assertEquals(1, counters.segmentsSent);
    }

    @Test
    void aPathChallengeCarriesItsTokenAndSettlesNothing()
    {
        acks.requestNow();
        final Segment seg = decode(writer.writeChallenge(datagram, 0, 0x5eed));
        assertEquals(0x5eed, seg.tsVal);
        assertEquals(ISS, seg.seq, "keepalive-shaped: one below SND.UNA");
        assertEquals(0, seg.payloadLength());
        assertTrue(acks.due(), "not a real ACK");
    }

    @Test
    void outOfOrderDataIsReportedInSackBlocks()
    {
        final Segment island = new Segment().clear();
        island.seq = IRS + 101;
        island.payload(ByteBuffer.wrap(new byte[50]), 0, 50);
        rcv.accept(island);
        final Segment seg = decode(writer.write(0, datagram, 0, TcpFlags.ACK, ISS + 1, 0, false));
        assertEquals(1, seg.sackBlockCount);
        assertEquals(IRS + 101, seg.sackLeft[0]);
        assertEquals(IRS + 151, seg.sackRight[0]);
    }
}
