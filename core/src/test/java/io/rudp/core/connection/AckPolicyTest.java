package io.rudp.core.connection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the receiver acknowledges, and the rate limits on answering what it rejects. */
class AckPolicyTest
{
    private static final long MS = 1_000_000L;
    private static final int MSS = 1400;

    @Test
    void everySecondFullSegmentIsAcknowledgedAtOnceASmallOneWaits()
    {
        final AckPolicy acks = new AckPolicy(40 * MS, 10);
        assertEquals(40 * MS, acks.onInOrderData(MSS, MSS), "the first full segment may wait");
        assertFalse(acks.due());
        assertEquals(-1, acks.onInOrderData(MSS, MSS), "the second goes at once (RFC 5681 §4.2)");
        assertTrue(acks.due());
        acks.onAckSent(12345);
        assertFalse(acks.due());
        assertEquals(12345, acks.lastAckSent());
        assertEquals(40 * MS, acks.onInOrderData(100, MSS));
        assertEquals(40 * MS, acks.onInOrderData(100, MSS), "small segments do not count toward the two");
        assertEquals(40 * MS, acks.onInOrderData(MSS, MSS), "one full segment since the last ACK");
        assertEquals(-1, acks.onInOrderData(MSS, MSS), "two");
    }

    @Test
    void withoutDelayedAcksEverySegmentIsAcknowledged()
    {
        final AckPolicy acks = new AckPolicy(0, 10);
        assertEquals(-1, acks.onInOrderData(1, MSS));
        assertTrue(acks.due());
    }

    @Test
    void outOfWindowAcksAreAnsweredAtMostTwicePerSecond()
    {
        final AckPolicy acks = new AckPolicy(40 * MS, 10);
        final long t0 = -7_000_000_000L; // any clock origin
        assertTrue(acks.onOutOfWindowAck(t0), "the first is answered, whatever the clock reads");
        acks.onAckSent(1);
        assertFalse(acks.onOutOfWindowAck(t0 + AckPolicy.OUT_OF_WINDOW_ACK_INTERVAL_NS - 1));
        assertFalse(acks.due());
        assertTrue(acks.onOutOfWindowAck(t0 + AckPolicy.OUT_OF_WINDOW_ACK_INTERVAL_NS));
    }

    @Test
    void challengeAcksAreLimitedPerSecond()
    {
        final AckPolicy acks = new AckPolicy(40 * MS, 3);
        final long t0 = 5_000_000_000_000L;
        int sent = 0;
        for (int i = 0; i < 100; i++)
        {
            sent += acks.challenge(t0 + i * MS) ? 1 : 0;
        }
        assertEquals(3, sent, "RFC 5961 §7: a per-second allowance");
        assertTrue(acks.challenge(t0 + 1000 * MS), "a new second, a new allowance");
    }
}
