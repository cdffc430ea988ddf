package io.rudp.core.congestion;

import org.junit.jupiter.api.Test;

import static io.rudp.core.congestion.CongestionTestSender.MSS;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NewRenoTest
{
    @Test
    void slowStartDoublesPerRoundTripFromTenSegments()
    {
        final CongestionTestSender s = new CongestionTestSender(new NewReno(MSS));
        assertEquals(10, s.cwndSegments(), "IW10 (RFC 6928)");
        s.round();
        assertEquals(20, s.cwndSegments());
        s.round();
        assertEquals(40, s.cwndSegments());
    }

    @Test
    void congestionAvoidanceAddsOneSegmentPerRoundTrip()
    {
        final CongestionTestSender s = new CongestionTestSender(new NewReno(MSS));
        s.round();
        s.round(); // 40 segments
        s.cc.onCongestionEvent(s.nowNs, 40L * MSS);
        s.cc.onRecoveryEnd(s.nowNs, 20L * MSS);
        assertEquals(20, s.cwndSegments(), "halved");
        for (int i = 1; i <= 5; i++)
        {
            s.round();
            assertEquals(20 + i, s.cwndSegments(), "round " + i);
        }
    }

    @Test
    void timeoutDropsToOneSegmentAndASpuriousOneIsUndone()
    {
        final NewReno cc = new NewReno(MSS);
        cc.onRetransmissionTimeout(0, 10L * MSS);
        assertEquals(MSS, cc.cwndBytes());
        assertEquals(5L * MSS, cc.ssthreshBytes());
        cc.onSpuriousCongestionEvent(0);
        assertEquals(10L * MSS, cc.cwndBytes());
        assertEquals(Long.MAX_VALUE, cc.ssthreshBytes());
    }
}
