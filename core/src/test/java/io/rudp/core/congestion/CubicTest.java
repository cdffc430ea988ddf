package io.rudp.core.congestion;

import org.junit.jupiter.api.Test;

import static io.rudp.core.congestion.CongestionTestSender.MSS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CubicTest
{
    /** A CUBIC sender whose slow start has grown the window past 100 segments (to 160). */
    private static CongestionTestSender pastHundredSegments()
    {
        final CongestionTestSender s = new CongestionTestSender(new Cubic(MSS));
        while (s.cwndSegments() < 100)
        {
            s.round();
        }
        return s;
    }

    @Test
    void curveMatchesRfc9438()
    {
        final CongestionTestSender s = pastHundredSegments();
        final double wMax = s.cc.cwndBytes() / (double)MSS;
        s.cc.onCongestionEvent(s.nowNs, s.cc.cwndBytes());
        assertEquals(wMax * Cubic.BETA, s.cc.cwndBytes() / (double)MSS, 1, "beta_cubic = 0.7");
        s.round(); // starts the epoch
        final Cubic cubic = (Cubic)s.cc;
        final double k = Math.cbrt(wMax * (1 - Cubic.BETA) / Cubic.C); // RFC 9438 eq. 2
        assertEquals(wMax * Cubic.BETA, cubic.windowAt(0), 0.5, "W(0) = beta * W_max");
        assertEquals(wMax, cubic.windowAt(k), 0.5, "W(K) = W_max");
        assertEquals(wMax + Cubic.C, cubic.windowAt(k + 1), 0.5, "W(K + 1) = W_max + C");
        assertEquals(wMax + 8 * Cubic.C, cubic.windowAt(k + 2), 0.5, "W(K + 2) = W_max + 8C");
    }

    @Test
    void windowFollowsTheCurveConcaveThenConvex()
    {
        final CongestionTestSender s = pastHundredSegments();
        final double wMax = s.cc.cwndBytes() / (double)MSS;
        s.cc.onCongestionEvent(s.nowNs, s.cc.cwndBytes());
        final long epochNs = s.nowNs;
        final double k = Math.cbrt(wMax * (1 - Cubic.BETA) / Cubic.C);
        while (s.nowNs - epochNs < (long)(k * 1e9))
        {
            s.round();
        }
        final double atK = s.cc.cwndBytes() / (double)MSS;
        assertEquals(wMax, atK, wMax * 0.05, "back to W_max after K seconds");
        final long before = s.cc.cwndBytes();
        for (int i = 0; i < 20; i++)
        {
            s.round();
        }
        assertTrue(s.cc.cwndBytes() > before + 2L * MSS, "probing beyond W_max (convex region)");
    }

    @Test
    void fastConvergenceLowersWmaxWhenLossComesEarlier()
    {
        final CongestionTestSender s = pastHundredSegments();
        final double first = s.cc.cwndBytes() / (double)MSS;
        s.cc.onCongestionEvent(s.nowNs, s.cc.cwndBytes());
        final double second = s.cc.cwndBytes() / (double)MSS; // lost again before regaining W_max
        s.cc.onCongestionEvent(s.nowNs, s.cc.cwndBytes());
        s.round();
        final Cubic cubic = (Cubic)s.cc;
        final double expectedWMax = second * (1 + Cubic.BETA) / 2;
        assertEquals(second * Cubic.BETA, cubic.windowAt(0), 1, "the curve starts at the reduced window");
        final double k = Math.cbrt((expectedWMax - second * Cubic.BETA) / Cubic.C);
        assertEquals(expectedWMax, cubic.windowAt(k), 0.5, "W_max = cwnd * (1 + beta) / 2 (RFC 9438 §4.7)");
        assertTrue(second < first);
    }

    @Test
    void hyStartLeavesSlowStartWhenTheRttGrows()
    {
        final CongestionTestSender s = new CongestionTestSender(new Cubic(MSS));
        s.round();
        s.round();
        s.rttNs = 130_000_000L; // a queue builds: +30 ms, above the 12.5 ms threshold
        s.round();
        assertTrue(((Cubic)s.cc).inConservativeSlowStart(), "HyStart++ conservative slow start");
        for (int i = 0; i < HyStartPlusPlus.CSS_ROUNDS + 1; i++)
        {
            s.round();
        }
        assertTrue(s.cc.cwndBytes() >= s.cc.ssthreshBytes(), "congestion avoidance after the CSS rounds");
    }
}
