package io.rudp.core.congestion;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.rudp.core.congestion.CongestionTestSender.MSS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a retransmission timeout the loss-based controllers slow-start from one segment while the
 * recovery that the timeout began goes on (RFC 5681 §3.1; Linux's Loss state); in fast recovery they
 * hold the window. Held at one segment, a timeout with a large window outstanding resent it at one
 * segment per round trip for seconds.
 */
class TimeoutRecoveryTest
{
    @ParameterizedTest
    @ValueSource(strings = {"cubic", "newreno"})
    void slowStartRunsDuringTheRecoveryThatATimeoutBegins(final String name)
    {
        final CongestionTestSender s = new CongestionTestSender(CongestionControls.byName(name).create(MSS));
        for (int i = 0; i < 5; i++)
        {
            s.round();
        }
        s.cc.onRetransmissionTimeout(s.nowNs, s.cc.cwndBytes());
        assertEquals(1, s.cwndSegments(), "one segment after the timeout");
        s.inRecovery = true;
        s.inTimeoutRecovery = true;
        for (int i = 0; i < 4; i++)
        {
            s.round();
        }
        assertEquals(16, s.cwndSegments(), "doubling each round trip: 1, 2, 4, 8, 16");

        s.inTimeoutRecovery = false; // fast recovery: the window is held
        final long held = s.cwndSegments();
        s.round();
        assertTrue(s.cwndSegments() == held, name + " grew in fast recovery: " + s.cwndSegments());
    }
}
