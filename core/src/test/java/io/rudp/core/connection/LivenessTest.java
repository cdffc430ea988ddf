package io.rudp.core.connection;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a connection gives its peer up, from any clock origin. */
class LivenessTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    /** A real clock can read anything, negative included. */
    private static final long T0 = -123_456_789_000L;

    private static Liveness liveness()
    {
        return new Liveness(RudpConfig.builder().synRetries(2).keepAliveProbes(3)
            .userTimeout(Duration.ofSeconds(10)).maxRto(Duration.ofSeconds(60)).build());
    }

    @Test
    void theSynIsRetriedAsConfiguredAndARetriedSynGivesNoRttSample()
    {
        final Liveness liveness = liveness();
        assertEquals(-1, liveness.synRttSampleNs(T0), "no SYN sent yet (a SYN cookie)");
        liveness.onSynSent(T0);
        assertEquals(30 * MS, liveness.synRttSampleNs(T0 + 30 * MS));
        assertFalse(liveness.synRetransmitted());
        assertTrue(liveness.onSynTimeout());
        assertTrue(liveness.synRetransmitted());
        assertEquals(-1, liveness.synRttSampleNs(T0 + 30 * MS), "Karn: which SYN did the answer answer?");
        assertTrue(liveness.onSynTimeout());
        assertFalse(liveness.onSynTimeout(), "two retries, then give up");
    }

    @Test
    void retransmissionTimeoutsGiveUpAfterTheUserTimeoutFromTheFirst()
    {
        final Liveness liveness = liveness();
        assertNull(liveness.onRetransmitTimeout(T0));
        assertEquals(T0 + 5 * SECOND + SECOND, liveness.retransmitDeadlineNs(T0 + 5 * SECOND, SECOND));
        assertEquals(T0 + 10 * SECOND, liveness.retransmitDeadlineNs(T0 + 5 * SECOND, 8 * SECOND),
            "the timer wakes when the user timeout ends, not a backed-off RTO later");
        assertNull(liveness.onRetransmitTimeout(T0 + 10 * SECOND - 1));
        assertEquals(2, liveness.consecutiveTimeouts());
        assertEquals(CloseReason.PEER_UNREACHABLE, liveness.onRetransmitTimeout(T0 + 10 * SECOND));
    }

    @Test
    void progressStartsTheCountsOver()
    {
        final Liveness liveness = liveness();
        liveness.onRetransmitTimeout(T0);
        liveness.onRetransmitTimeout(T0 + 9 * SECOND);
        liveness.onProgress();
        assertEquals(0, liveness.consecutiveTimeouts());
        assertEquals(T0 + 21 * SECOND, liveness.retransmitDeadlineNs(T0 + 20 * SECOND, SECOND));
        assertNull(liveness.onRetransmitTimeout(T0 + 20 * SECOND), "a new episode");
    }

    @Test
    void windowProbesBackOffToTheMaximumRtoAndGiveUpAfterTheUserTimeout()
    {
        final Liveness liveness = liveness();
        assertEquals(SECOND, liveness.persistIntervalNs(SECOND));
        assertNull(liveness.onPersistTimeout(T0));
        assertEquals(2 * SECOND, liveness.persistIntervalNs(SECOND));
        for (int i = 0; i < 40; i++)
        {
            liveness.onPersistTimeout(T0 + i * MS);
        }
        assertEquals(60 * SECOND, liveness.persistIntervalNs(SECOND), "capped at the maximum RTO, no overflow");
        assertEquals(CloseReason.PEER_UNREACHABLE, liveness.onPersistTimeout(T0 + 10 * SECOND));
        liveness.onWindowOpened();
        assertEquals(SECOND, liveness.persistIntervalNs(SECOND));
    }

    @Test
    void keepaliveProbesThenGiveUpUnlessThePeerIsHeard()
    {
        final Liveness liveness = liveness();
        for (int i = 0; i < 3; i++)
        {
            assertNull(liveness.onKeepAliveTimeout());
        }
        assertEquals(CloseReason.PEER_UNREACHABLE, liveness.onKeepAliveTimeout());
        liveness.onPeerHeard();
        assertNull(liveness.onKeepAliveTimeout(), "heard from: the probes count afresh");
    }

    @Test
    void anUnreachablePortEndsTheConnectionAtItsNextTimerUnlessThePeerSpeaksFirst()
    {
        final Liveness liveness = liveness();
        liveness.onPortUnreachable();
        assertEquals(CloseReason.PEER_PORT_UNREACHABLE, liveness.onKeepAliveTimeout());
        assertEquals(CloseReason.PEER_PORT_UNREACHABLE, liveness.onRetransmitTimeout(T0));
        liveness.onPeerHeard();
        assertNull(liveness.onKeepAliveTimeout(), "RFC 5927: a forged ICMP error is disproved by the live peer");
    }
}
