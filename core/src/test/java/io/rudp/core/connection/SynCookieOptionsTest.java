package io.rudp.core.connection;

import io.rudp.core.codec.SeqNum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynCookieOptionsTest
{
    @Test
    void optionsSurviveTheRoundTripAndTheTsValNeverRunsAhead()
    {
        for (final int clock : new int[] {0, 31, 32, 1_000_003, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
        {
            for (int scale = -1; scale <= 16; scale++)
            {
                for (final boolean sack : new boolean[] {false, true})
                {
                    final int tsVal = SynCookieOptions.encode(clock, scale, sack);
                    assertEquals(scale < 0 ? -1 : Math.min(scale, 14), SynCookieOptions.windowScale(tsVal));
                    assertEquals(sack, SynCookieOptions.sackPermitted(tsVal));
                    assertTrue(SeqNum.le(tsVal, clock), "not ahead of the clock: " + tsVal + " vs " + clock);
                    assertTrue(SeqNum.diff(clock, tsVal) <= SynCookieOptions.MASK, "at most 31 ms behind");
                }
            }
        }
        assertFalse(SynCookieOptions.sackPermitted(SynCookieOptions.encode(100, 7, false)));
    }
}
