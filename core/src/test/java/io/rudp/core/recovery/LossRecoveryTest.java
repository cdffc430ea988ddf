package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.congestion.AckSample;
import io.rudp.core.congestion.CongestionControl;
import io.rudp.core.congestion.NewReno;
import io.rudp.core.stats.ConnectionCounters;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loss recovery alone: sequence numbers and times in, decisions out. ISS 0, segments of 1000 bytes
 * sent at 1 ms intervals from t = 1 s, RTT 100 ms.
 */
class LossRecoveryTest
{
    private static final int MSS = 1000;
    private static final long MS = 1_000_000L;
    private static final long RTT = 100 * MS;
    private final NewReno congestion = new NewReno(MSS);
    private final ConnectionCounters counters = new ConnectionCounters();
    /** The path recovered on: a fixed 100 ms RTT, and the test's controller. */
    private final RecoveryPath path = new RecoveryPath()
    {
        @Override
        public long srttNs()
        {
            return RTT;
        }

        @Override
        public long minRttNs()
        {
            return RTT;
        }

        @Override
        public CongestionControl congestion()
        {
            return congestion;
        }
    };
    private final LossRecovery r = new LossRecovery(path, counters);
    private int sndUna = 1;
    private int sndMax = 1;

    private void send(final int segments, final long startNs)
    {
        for (int i = 0; i < segments; i++)
        {
            r.onSent(startNs + i * MS, sndMax, sndMax + MSS, (int)((startNs + i * MS) / MS));
            sndMax += MSS;
        }
    }

    private AckSample ack(final long nowNs, final int ackSeq, final int... sackBlocks)
    {
        return ackEchoing(nowNs, ackSeq, 0, sackBlocks);
    }

    private AckSample ackEchoing(final long nowNs, final int ackSeq, final int tsEcr, final int... sackBlocks)
    {
        final Segment seg = new Segment();
        seg.ack = ackSeq;
        for (int i = 0; i < sackBlocks.length; i += 2)
        {
            seg.addSackBlock(sackBlocks[i], sackBlocks[i + 1]);
        }
        if (tsEcr != 0)
        {
            seg.hasTimestamps = true;
            seg.tsEcr = tsEcr;
        }
        final boolean duplicate = ackSeq == sndUna && sackBlocks.length == 0;
        final AckSample s = r.onAck(nowNs, seg, sndUna, sndMax, duplicate, RTT);
        sndUna = Math.max(sndUna, ackSeq);
        return s;
    }

    @Test
    void aTimeoutKeepsSackMarksUnlessTheReceiverReneged()
    {
        r.init(0);
        r.configure(true, MSS);
        send(6, 1000 * MS);
        ack(1100 * MS, 1, 1001, 2001, 3001, 4001, 5001, 6001); // holes at 1, 2001 and 4001
        r.onRetransmissionTimeout(1400 * MS, sndMax);
        assertEquals(3L * MSS, r.log().sackedBytes(), "the SACKed segments stay SACKed");
        assertEquals(3L * MSS, r.log().lostBytes(), "only the holes are lost");

        final LossRecovery reneged = new LossRecovery(path, counters);
        reneged.init(0);
        reneged.configure(true, MSS);
        for (int i = 0; i < 3; i++)
        {
            reneged.onSent(1000 * MS + i * MS, 1 + i * MSS, 1 + (i + 1) * MSS, 1000 + i);
        }
        final Segment seg = new Segment();
        seg.ack = 1;
        seg.addSackBlock(1, 1 + 3 * MSS); // the oldest SACKed, but never acknowledged: reneging
        reneged.onAck(1100 * MS, seg, 1, 1 + 3 * MSS, false, RTT);
        reneged.onRetransmissionTimeout(1400 * MS, 1 + 3 * MSS);
        assertEquals(0, reneged.log().sackedBytes(), "RFC 2018 §8: the marks of a reneging receiver go");
        assertEquals(3L * MSS, reneged.log().lostBytes(), "everything is resent");
    }

    @Test
    void newRenoWithoutSackRetransmitsOnTheThirdDuplicate()
    {
        r.init(0);
        r.configure(false, MSS);
        send(10, 1000 * MS);
        ack(1100 * MS, 1001);
        ack(1101 * MS, 1001);
        ack(1102 * MS, 1001);
        assertFalse(r.inRecovery());
        ack(1103 * MS, 1001);
        assertTrue(r.inRecovery());
        assertTrue(r.takeRetransmitOne(), "fast retransmit of SND.UNA");
        assertEquals(3L * MSS, r.inflationBytes());
        ack(1200 * MS, 3001); // partial ACK (RFC 6582): the next hole at once
        assertTrue(r.takeRetransmitOne());
        ack(1300 * MS, 10_001);
        assertFalse(r.inRecovery());
    }

    @Test
    void rackMarksExactlyTheHolesOnceEnoughIsSackedAbove()
    {
        r.init(0);
        r.configure(true, MSS);
        send(10, 1000 * MS);
        final AckSample s = ack(1110 * MS, 1001, 2001, 3001, 4001, 10_001); // holes: 1001-2001, 3001-4001
        assertEquals(2L * MSS, s.lostBytes, "both holes, at once: 7 segments SACKed above them");
        assertTrue(r.inRecovery());
        final SentLog log = r.log();
        final int first = r.nextRetransmission(congestion.cwndBytes());
        assertEquals(1001, log.start(first));
        r.onRetransmitted(1111 * MS, first, 1111);
        final int second = r.nextRetransmission(Long.MAX_VALUE);
        assertEquals(3001, log.start(second));
        r.onRetransmitted(1111 * MS, second, 1111);
        assertEquals(-1, r.nextRetransmission(Long.MAX_VALUE), "nothing else is lost");
        assertEquals(2L * MSS, r.inFlightBytes(), "only the retransmissions are in flight");
    }

    @Test
    void aSingleSackWaitsForTheReorderingWindow()
    {
        r.init(0);
        r.configure(true, MSS);
        send(3, 1000 * MS);
        // Segment 3 (sent at 1002 ms) is SACKed at 1102 ms; segment 2 (1001 ms) may just be reordered.
        final AckSample s = ack(1102 * MS, 1001, 2001, 3001);
        assertEquals(0, s.lostBytes);
        assertEquals(1001 * MS + RTT + RTT / 4, r.reorderDeadlineNs(), "RACK: sent + RTT + min RTT / 4");
        r.onReorderTimeout(r.reorderDeadlineNs(), sndMax);
        assertTrue(r.inRecovery(), "the timer marks it lost");
    }

    @Test
    void timeoutMarksEverythingNotSackedLost()
    {
        r.init(0);
        r.configure(true, MSS);
        send(4, 1000 * MS);
        ack(1101 * MS, 1, 2001, 3001);
        r.onRetransmissionTimeout(1400 * MS, sndMax);
        assertEquals(MSS, r.log().sackedBytes(), "no reneging seen: the SACKed segment stays SACKed");
        assertEquals(3L * MSS, r.log().lostBytes());
        assertEquals(MSS, congestion.cwndBytes());
        final int slot = r.nextRetransmission(congestion.cwndBytes());
        assertEquals(1, r.log().start(slot), "oldest first");
    }

    @Test
    void dsackOfARetransmissionCountsItSpuriousAndWidensTheReorderingWindow()
    {
        r.init(0);
        r.configure(true, MSS);
        send(10, 1000 * MS);
        ack(1110 * MS, 1001, 2001, 10_001); // segment 2 lost (8 SACKed above)
        final int slot = r.nextRetransmission(congestion.cwndBytes());
        r.onRetransmitted(1110 * MS, slot, 1110);
        final long windowAfterLoss = congestion.cwndBytes();
        // The original was only late: the peer reports the retransmission as a duplicate.
        ack(1150 * MS, 10_001, 1001, 2001);
        assertEquals(1, counters.spuriousRetransmissions);
        assertEquals(1, counters.spuriousRecoveries, "the episode's only retransmission was needless: undone");
        assertTrue(congestion.cwndBytes() > windowAfterLoss, "window restored");
        assertEquals(2 * (RTT / 4), r.reorderingWindowNs(RTT, RTT), "reordering window multiplier 2");
    }

    @Test
    void timestampsShowASpuriousTimeout()
    {
        r.init(0);
        r.configure(true, MSS);
        send(2, 1000 * MS);
        r.onRetransmissionTimeout(1300 * MS, sndMax);
        final int slot = r.nextRetransmission(congestion.cwndBytes());
        r.onRetransmitted(1300 * MS, slot, 1300);
        // The ACK echoes the original's timestamp (1000 ms): the original arrived, the RTO was early.
        ackEchoing(1310 * MS, 2001, 1000);
        assertFalse(r.inRecovery());
        assertEquals(1, counters.spuriousRecoveries);
        assertEquals(10L * MSS, congestion.cwndBytes(), "the window from before the timeout");
        assertEquals(0, r.log().lostBytes(), "the second segment is in flight after all");
    }

    @Test
    void rateSampleIsDeliveredBytesOverTheInterval()
    {
        r.init(0);
        r.configure(true, MSS);
        send(10, 1000 * MS); // 10 segments over 10 ms
        final AckSample s = ack(1109 * MS, 10_001);
        assertEquals(10L * MSS, s.deliveredBytes);
        // The newest segment was sent at 1009 ms with nothing delivered yet: 10 kB over its 109 ms.
        assertEquals(10_000 * 1_000_000_000L / (109 * MS), s.deliveryRateBytesPerSecond, 10);
    }

    @Test
    void probeTimeoutIsTwoSrttAndWaitsForADelayedAckWhenOneSegmentIsOut()
    {
        r.init(0);
        r.configure(true, MSS);
        send(2, 1000 * MS);
        assertEquals(1001 * MS + 2 * RTT, r.probeDeadlineNs(1001 * MS, Long.MAX_VALUE));
        assertEquals(1150 * MS, r.probeDeadlineNs(1001 * MS, 1150 * MS), "never after the RTO");
        ack(1100 * MS, 1001);
        assertEquals(1100 * MS + 2 * RTT + TailLossProbe.WORST_CASE_DELAYED_ACK_NS,
            r.probeDeadlineNs(1100 * MS, Long.MAX_VALUE), "RFC 8985 §7.2: + WCDelAckT for a lone segment");
    }

    @Test
    void sackBlocksOutsideTheWindowAndDsacksForDataNeverResentChangeNothing()
    {
        r.init(0);
        r.configure(true, MSS);
        send(4, 1000 * MS);
        final long cwnd = congestion.cwndBytes();
        ack(1100 * MS, 1, 4001, 9001);           // beyond SND.MAX: forged or stale
        ack(1101 * MS, 1, 2001, 1001);           // reversed
        assertEquals(0, r.log().sackedBytes(), "nothing marked");
        ack(1102 * MS, 1001, 1, 1001);          // a D-SACK for bytes never retransmitted: a network duplicate
        assertEquals(0, counters.spuriousRetransmissions);
        assertEquals(0, counters.spuriousRecoveries);
        assertEquals(cwnd, congestion.cwndBytes());
        assertFalse(r.inRecovery());
    }

    @Test
    void aProbeThatProvesNeedlessIsCountedButUndoesNothing()
    {
        r.init(0);
        r.configure(true, MSS);
        send(2, 1000 * MS);
        final long cwnd = congestion.cwndBytes();
        r.onProbeTimeout();
        assertTrue(r.probeDue());
        final int last = r.probeRetransmission();
        r.onRetransmitted(1201 * MS, last, 1201);
        r.onProbeSent(sndMax, true);
        // Both the original and the probe arrived: the ACK covers everything and D-SACKs the probe.
        ack(1300 * MS, 2001, 1001, 2001);
        assertEquals(1, counters.tailLossProbes);
        assertEquals(1, counters.spuriousRetransmissions);
        assertEquals(0, counters.spuriousRecoveries, "no congestion response was made, so none is undone");
        assertEquals(cwnd, congestion.cwndBytes());
    }
}
