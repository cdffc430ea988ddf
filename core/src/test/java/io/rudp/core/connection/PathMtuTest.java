package io.rudp.core.connection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RFC 8899 search on its own: sizes probed, when a size is refused, black holes, EMSGSIZE, re-probing. */
class PathMtuTest
{
    private static final long NOW = 1_000_000_000L;

    /** Drives a search against a path carrying {@code pathBytes}; returns the number of probes. */
    private static int search(final PathMtu pmtu, final int pathBytes)
    {
        int probes = 0;
        int size;
        while ((size = pmtu.probeSizeBytes(NOW)) > 0)
        {
            pmtu.onProbeSent(size);
            probes++;
            if (size <= pathBytes)
            {
                pmtu.onProbeAcked(NOW);
            }
            else
            {
                pmtu.onProbeLost(NOW);
            }
            assertTrue(probes < 100, "the search ends");
        }
        return probes;
    }

    @Test
    void startsAtTheBaseAndTriesTheCeilingFirst()
    {
        final PathMtu pmtu = new PathMtu(true, 1200, 65_507);
        assertEquals(1200, pmtu.currentBytes());
        assertEquals(65_507, pmtu.probeSizeBytes(NOW));
        assertEquals(1, search(pmtu, 65_507));
        assertEquals(65_507, pmtu.currentBytes());
        assertFalse(pmtu.searching());
    }

    @Test
    void aSizeIsRefusedAfterThreeLostProbesThenTheSearchIsBinary()
    {
        final PathMtu pmtu = new PathMtu(true, 1200, 1472);
        pmtu.onProbeSent(pmtu.probeSizeBytes(NOW));
        pmtu.onProbeLost(NOW);
        assertEquals(1472, pmtu.probeSizeBytes(NOW), "one loss says nothing on a lossy path: the same size again");
        pmtu.onProbeSent(1472);
        pmtu.onProbeLost(NOW);
        pmtu.onProbeSent(pmtu.probeSizeBytes(NOW));
        pmtu.onProbeLost(NOW);
        assertEquals((1200 + 1471 + 1) / 2, pmtu.probeSizeBytes(NOW), "then halfway between base and refused");
        search(pmtu, 1372);
        assertTrue(pmtu.currentBytes() <= 1372 && pmtu.currentBytes() > 1372 - PathMtu.SEARCH_DONE_BYTES,
            "found " + pmtu.currentBytes());
        assertEquals(1200, new PathMtu(true, 1200, 1472).currentBytes(), "nothing is used before it is acknowledged");
    }

    @Test
    void aBlackHoleFallsBackToTheBaseAndSearchesBelowTheSizeThatFailed()
    {
        final PathMtu pmtu = new PathMtu(true, 1200, 8972);
        search(pmtu, 8972);
        assertEquals(8972, pmtu.currentBytes());
        assertTrue(pmtu.onBlackHoleSuspected(NOW));
        assertEquals(1200, pmtu.currentBytes());
        assertTrue(pmtu.probeSizeBytes(NOW) < 8972, "not straight back to the size that failed");
        search(pmtu, 1372);
        assertTrue(pmtu.currentBytes() > 1372 - PathMtu.SEARCH_DONE_BYTES && pmtu.currentBytes() <= 1372);
        assertFalse(new PathMtu(true, 1200, 8972).onBlackHoleSuspected(NOW), "at the base there is nothing to fall to");
    }

    @Test
    void aCompletedSearchRestsForTheRaiseTimer()
    {
        final PathMtu pmtu = new PathMtu(true, 1200, 9000);
        search(pmtu, 1500);
        assertEquals(0, pmtu.probeSizeBytes(NOW + PathMtu.RAISE_INTERVAL_NS - 1));
        assertEquals(9000, pmtu.probeSizeBytes(NOW + PathMtu.RAISE_INTERVAL_NS), "after 600 s, the ceiling again");
    }

    @Test
    void emsgsizeLowersTheCeilingAndThePlpmtuAtOnce()
    {
        final PathMtu pmtu = new PathMtu(true, 1200, 65_507);
        search(pmtu, 65_507);
        assertTrue(pmtu.onDatagramTooBig(NOW, 9001));
        assertEquals(1200, pmtu.currentBytes());
        assertEquals(9000, pmtu.ceilingBytes());
        search(pmtu, 9000);
        assertEquals(9000, pmtu.currentBytes());
        assertFalse(pmtu.onDatagramTooBig(NOW, 20_000), "larger than anything sent: nothing to learn");
    }

    @Test
    void withDiscoveryOffThePlpmtuIsTheCeilingAndNothingIsProbed()
    {
        final PathMtu pmtu = new PathMtu(false, 1200, 1472);
        assertEquals(1472, pmtu.currentBytes());
        assertEquals(0, pmtu.probeSizeBytes(NOW));
        assertTrue(pmtu.limitCeiling(1000), "the peer's MSS bounds it");
        assertEquals(1000, pmtu.currentBytes());
    }
}
