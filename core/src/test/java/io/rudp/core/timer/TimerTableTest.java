package io.rudp.core.timer;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimerTableTest
{
    /** The cached earliest deadline always equals a scan of all of them, whatever the operations. */
    @Test
    void nextDeadlineMatchesAScanUnderRandomOperations()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final TimerTable table = new TimerTable();
        final long[] expected = new long[TimerKind.COUNT];
        java.util.Arrays.fill(expected, TimerTable.NONE);
        for (int i = 0; i < 100_000; i++)
        {
            final TimerKind kind = TimerKind.values()[random.nextInt(TimerKind.COUNT)];
            switch (random.nextInt(4))
            {
                case 0, 1 ->
                {
                    final long deadline = random.nextLong(1_000);
                    table.set(kind, deadline);
                    expected[kind.ordinal()] = deadline;
                }
                case 2 ->
                {
                    table.cancel(kind);
                    expected[kind.ordinal()] = TimerTable.NONE;
                }
                default ->
                {
                    final long now = random.nextLong(1_000);
                    final boolean due = expected[kind.ordinal()] != TimerTable.NONE && expected[kind.ordinal()] <= now;
                    assertEquals(due, table.expire(kind, now));
                    if (due)
                    {
                        expected[kind.ordinal()] = TimerTable.NONE;
                    }
                }
            }
            if (random.nextInt(50) == 0)
            {
                table.cancelAll();
                java.util.Arrays.fill(expected, TimerTable.NONE);
            }
            if (random.nextInt(3) != 0)
            {
                continue; // let several changes pile up between reads
            }
            long min = TimerTable.NONE;
            for (final long d : expected)
            {
                min = Math.min(min, d);
            }
            assertEquals(min, table.nextDeadlineNs(), "after operation " + i);
        }
    }
}
