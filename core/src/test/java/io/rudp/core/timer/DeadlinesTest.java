package io.rudp.core.timer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instants compared across the wrap of the nanosecond clock, with NONE later than all. */
class DeadlinesTest
{
    private static final long JUST_BEFORE_WRAP = Long.MAX_VALUE - 1_000;
    private static final long JUST_AFTER_WRAP = Long.MIN_VALUE + 1_000;

    @Test
    void anInstantPastTheWrapIsLaterNotEarlier()
    {
        assertTrue(Deadlines.before(JUST_BEFORE_WRAP, JUST_AFTER_WRAP));
        assertFalse(Deadlines.before(JUST_AFTER_WRAP, JUST_BEFORE_WRAP));
        assertEquals(JUST_BEFORE_WRAP, Deadlines.earlier(JUST_AFTER_WRAP, JUST_BEFORE_WRAP));
        assertEquals(5, Deadlines.earlier(TimerTable.NONE, 5), "NONE is later than every instant");
        assertEquals(TimerTable.NONE, Deadlines.earlier(TimerTable.NONE, TimerTable.NONE));
        assertFalse(Deadlines.before(TimerTable.NONE, JUST_AFTER_WRAP));
    }

    @Test
    void timersAcrossTheWrapFireInOrder()
    {
        final TimerTable timers = new TimerTable();
        timers.set(TimerKind.KEEPALIVE, JUST_AFTER_WRAP);
        timers.set(TimerKind.RETRANSMIT, JUST_BEFORE_WRAP);
        assertEquals(JUST_BEFORE_WRAP, timers.nextDeadlineNs(), "the retransmission timer, before the wrap, comes first");
        timers.cancel(TimerKind.RETRANSMIT);
        assertEquals(JUST_AFTER_WRAP, timers.nextDeadlineNs());
    }
}
