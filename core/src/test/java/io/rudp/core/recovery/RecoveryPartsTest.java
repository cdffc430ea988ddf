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

/** The parts of loss recovery one by one: the episode, NewReno's detector, D-SACK history, MTU probes. */
class RecoveryPartsTest
{
    private static final int MSS = 1000;
    private static final long MS = 1_000_000L;
    private final NewReno congestion = new NewReno(MSS);
    private final ConnectionCounters counters = new ConnectionCounters();
    private final RecoveryPath path = new RecoveryPath()
    {
        @Override
        public long srttNs()
        {
            return 100 * MS;
        }

        @Override
        public long minRttNs()
        {
            return 100 * MS;
        }

        @Override
        public CongestionControl congestion()
        {
            return congestion;
        }
    };
    private final SentLog log = new SentLog();

    private RecoveryEpisode episode()
    {
        final RecoveryEpisode episode = new RecoveryEpisode(path, counters);
        episode.init(0);
        return episode;
    }

    private NewRenoDetector newReno(final RecoveryEpisode episode)
    {
        final NewRenoDetector newReno = new NewRenoDetector(log, episode, counters);
        newReno.segmentBytes(MSS);
        return newReno;
    }

    private void send(final int segments)
    {
        for (int i = 0; i < segments; i++)
        {
            log.append(1 + i * MSS, 1 + (i + 1) * MSS, i * MS, i);
        }
    }

    @Test
    void anEpisodeRunsToRecoverAndIsUndoneOnlyWhenEveryRetransmissionWasNeedless()
    {
        final RecoveryEpisode episode = episode();
        final long cwndBefore = congestion.cwndBytes();
        episode.start(0, 10_001, 10_000);
        assertTrue(episode.fast() && episode.firstRetransmitDue());
        assertTrue(congestion.cwndBytes() < cwndBefore, "the controller responded");
        assertEquals(1, counters.fastRetransmits);
        episode.onRetransmitted();
        episode.onRetransmitted();
        assertFalse(episode.firstRetransmitDue());
        assertFalse(episode.onNeedlessRetransmission(), "one of two shown needless");
        assertTrue(episode.onNeedlessRetransmission(), "both: the episode was spurious");
        assertFalse(episode.endsAt(10_000));
        assertTrue(episode.endsAt(10_001));
        assertTrue(episode.undo());
        assertFalse(episode.active());
        assertFalse(episode.undo(), "once");
        assertEquals(1, counters.spuriousRecoveries);
    }

    @Test
    void newRenoFastRetransmitsOnTheThirdDuplicateAndInflatesPerFurtherOne()
    {
        final RecoveryEpisode episode = episode();
        final NewRenoDetector newReno = newReno(episode);
        send(10);
        final Segment dup = new Segment();
        dup.ack = 1 + MSS; // the first segment arrived, the second did not
        final AckSample sample = new AckSample();
        for (int i = 1; i <= 2; i++)
        {
            newReno.onAck(i * MS, dup, 1 + MSS, 10_001, false, true, false, sample);
            assertFalse(episode.active(), "not at " + i + " duplicates");
        }
        newReno.onAck(3 * MS, dup, 1 + MSS, 10_001, false, true, false, sample);
        assertTrue(episode.fast());
        assertTrue(newReno.takeRetransmitOne(), "the segment at SND.UNA goes at once");
        assertFalse(newReno.takeRetransmitOne(), "once");
        assertEquals(3L * MSS, newReno.inflationBytes());
        newReno.onAck(4 * MS, dup, 1 + MSS, 10_001, false, true, false, sample);
        assertEquals(4L * MSS, newReno.inflationBytes());
        final Segment partial = new Segment();
        partial.ack = 1 + 3 * MSS;
        newReno.onAck(5 * MS, partial, 1 + MSS, 10_001, true, false, false, sample);
        assertTrue(newReno.takeRetransmitOne(), "a partial ACK: the next hole goes too (RFC 6582)");
        assertEquals(3L * MSS, newReno.inflationBytes(), "deflated by what it acknowledged, plus one segment");
        assertEquals(4, counters.duplicateAcks);
    }

    @Test
    void afterATimeoutOnlyDuplicatesThatCoverMoreThanRecoverStartFastRetransmit()
    {
        final RecoveryEpisode episode = episode();
        final NewRenoDetector newReno = newReno(episode);
        episode.startAfterTimeout(10_001); // recover = 10,000, the highest sequence number sent
        episode.end(0, 10_001, 10_001);
        final AckSample sample = new AckSample();
        final Segment dup = new Segment();
        for (final int sndUna : new int[] {10_001, 10_002})
        {
            dup.ack = sndUna;
            for (int i = 0; i < 3; i++)
            {
                newReno.onAck(i * MS, dup, sndUna, 20_001, false, true, false, sample);
            }
            assertEquals(sndUna == 10_002, episode.fast(), "RFC 6582 §3.2 step 2 at SND.UNA " + sndUna);
            newReno.onAck(0, dup, sndUna, 20_001, true, false, false, sample); // resets the count
        }
    }

    @Test
    void aDsackCountsARetransmissionOnceAndOnlyARecentOne()
    {
        final RecentRetransmissions recent = new RecentRetransmissions();
        recent.add(1000, 2000);
        assertFalse(recent.take(3000, 4000), "never retransmitted: a network duplicate");
        assertTrue(recent.take(1500, 1600));
        assertFalse(recent.take(1000, 2000), "already counted");
        final Segment seg = new Segment();
        seg.ack = 5000;
        seg.addSackBlock(1000, 2000);
        assertTrue(RecentRetransmissions.isDsack(seg, 5000), "a first block below the ACK reports a duplicate");
        final Segment above = new Segment();
        above.ack = 500;
        above.addSackBlock(1000, 2000);
        assertFalse(RecentRetransmissions.isDsack(above, 500));
    }

    @Test
    void aLostMtuProbeIsSplitIntoCurrentSizeSegmentsAndReportedOnce()
    {
        final MtuProbeTracker probes = new MtuProbeTracker(log);
        log.append(1, 4001, 0, 0); // a 4000-byte probe
        probes.onSent(1, 4001);
        assertEquals(0, probes.settle(1, MSS), "no news yet");
        log.markLost(log.slot(0));
        assertEquals(4000, probes.settle(1, MSS), "lost: its bytes are not congestion");
        assertEquals(4, log.size(), "split into segments of the current size, to be resent as those");
        assertEquals(LossRecovery.MtuProbeOutcome.LOST, probes.take());
        assertEquals(LossRecovery.MtuProbeOutcome.NONE, probes.take());
        log.append(4001, 9001, 0, 0);
        probes.onSent(4001, 9001);
        assertEquals(0, probes.settle(9001, MSS));
        assertEquals(LossRecovery.MtuProbeOutcome.ACKED, probes.take(), "the path carries its size");
    }
}
