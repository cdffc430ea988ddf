package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.congestion.NewReno;
import io.rudp.core.stats.ConnectionCounters;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss recovery alone: sequence numbers in, decisions out. ISS 0, segments of 1000 bytes. */
class LossRecoveryTest
{
    private static final int MSS = 1000;
    private final NewReno congestion = new NewReno(MSS);
    private final ConnectionCounters counters = new ConnectionCounters();

    @Test
    void newRenoStartsOnTheThirdDuplicateAndEndsOnTheFullAck()
    {
        final LossRecovery r = new LossRecovery();
        r.init(0);
        r.configure(false, MSS);
        r.onNewAck(0, 1001, 1000, 10_001, congestion); // first segment acknowledged
        r.onDuplicateAck(0, 1001, 10_001, congestion, counters);
        r.onDuplicateAck(0, 1001, 10_001, congestion, counters);
        assertFalse(r.inRecovery());
        r.onDuplicateAck(0, 1001, 10_001, congestion, counters);
        assertTrue(r.inRecovery());
        assertTrue(r.takeRetransmitOne(), "fast retransmit of SND.UNA");
        assertEquals(3L * MSS, r.inflationBytes());
        assertEquals(4500, congestion.cwndBytes(), "ssthresh = 9000 in flight / 2");
        r.onNewAck(0, 3001, 2000, 10_001, congestion); // partial
        assertTrue(r.takeRetransmitOne(), "next hole at once");
        r.onNewAck(0, 10_001, 7000, 10_001, congestion);
        assertFalse(r.inRecovery());
        assertEquals(0, r.inflationBytes());
    }

    @Test
    void sackRecoveryStartsWhenTheFirstByteIsLostAndResendsHolesOnly()
    {
        final LossRecovery r = new LossRecovery();
        r.init(0);
        r.configure(true, MSS);
        r.onNewAck(0, 1001, 1000, 10_001, congestion);
        final Segment ack = new Segment();
        ack.addSackBlock(2001, 5001); // 1001..2001 is a hole, 3 segments SACKed above it
        assertEquals(3000, r.onSackBlocks(ack, 1001, 10_001));
        r.afterAck(0, 1001, 10_001, congestion, counters);
        assertTrue(r.sackRecovery(), "more than 2 segments SACKed above the hole: lost");
        final int lost = r.nextRetransmission(1001, 10_001, 100_000);
        assertEquals(1001, lost);
        assertEquals(1000, r.retransmissionLength(lost, 10_001), "up to the SACKed range");
        r.onRetransmitted(lost, 1000);
        assertEquals(SackScoreboard.NONE, r.nextRetransmission(1001, 10_001, 100_000), "nothing else is lost yet");
        assertEquals(5001, r.skipSacked(2001));
    }
}
