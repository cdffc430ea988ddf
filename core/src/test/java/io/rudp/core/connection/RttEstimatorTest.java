package io.rudp.core.connection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6298 arithmetic, checked against hand-computed values. */
class RttEstimatorTest
{
    private static final long MS = 1_000_000L;

    @Test
    void formulasOfRfc6298()
    {
        final RttEstimator rtt = new RttEstimator(1000 * MS, 200 * MS, 120_000 * MS);
        assertEquals(1000 * MS, rtt.rtoNs(), "initial RTO 1 s");
        rtt.onSample(100 * MS);
        assertEquals(100 * MS, rtt.srttNs());
        assertEquals(50 * MS, rtt.rttvarNs());
        assertEquals(300 * MS, rtt.rtoNs(), "SRTT + 4 RTTVAR");
        rtt.onSample(200 * MS);
        assertEquals(62_500_000L, rtt.rttvarNs(), "3/4 * 50 + 1/4 * |100 - 200|");
        assertEquals(112_500_000L, rtt.srttNs(), "7/8 * 100 + 1/8 * 200");
        assertEquals(362_500_000L, rtt.rtoNs());
    }

    @Test
    void floorCeilingAndBackoff()
    {
        final RttEstimator rtt = new RttEstimator(1000 * MS, 200 * MS, 3000 * MS);
        rtt.onSample(10 * MS);
        assertEquals(200 * MS, rtt.rtoNs(), "min RTO");
        rtt.backoff();
        assertEquals(400 * MS, rtt.rtoNs());
        for (int i = 0; i < 10; i++)
        {
            rtt.backoff();
        }
        assertEquals(3000 * MS, rtt.rtoNs(), "max RTO");
        rtt.onSample(10 * MS);
        assertEquals(200 * MS, rtt.rtoNs(), "a new sample clears the backoff");
    }

    @Test
    void threeSecondsAfterSynTimeoutOnlyWithoutSample()
    {
        final RttEstimator rtt = new RttEstimator(1000 * MS, 200 * MS, 120_000 * MS);
        rtt.backoff();
        rtt.resetAfterSynTimeout(3000 * MS);
        assertEquals(3000 * MS, rtt.rtoNs());
    }
}
