package io.rudp.core.timer;

/**
 * A connection's timers: one deadline per {@link TimerKind}, {@link #NONE} when not armed. The
 * connection's next wakeup is the smallest armed deadline; an expired timer is disarmed before its
 * handler runs, so a spurious or repeated timeout call does nothing.
 */
public final class TimerTable
{
    /** Marks an unarmed timer; also what {@link #nextDeadlineNs()} returns when nothing is armed. */
    public static final long NONE = Long.MAX_VALUE;

    private final long[] deadlinesNs = new long[TimerKind.COUNT];
    /** The smallest deadline, kept so the per-segment {@link #nextDeadlineNs} is one read, not a scan. */
    private long nextNs = NONE;
    private boolean nextStale;

    public TimerTable()
    {
        java.util.Arrays.fill(deadlinesNs, NONE);
    }

    public void set(final TimerKind kind, final long deadlineNs)
    {
        final long old = deadlinesNs[kind.ordinal()];
        deadlinesNs[kind.ordinal()] = deadlineNs;
        if (deadlineNs <= nextNs)
        {
            nextNs = deadlineNs;
        }
        else if (old == nextNs)
        {
            nextStale = true; // the earliest timer moved later: rescan when asked
        }
    }

    public void cancel(final TimerKind kind)
    {
        set(kind, NONE);
    }

    public void cancelAll()
    {
        java.util.Arrays.fill(deadlinesNs, NONE);
        nextNs = NONE;
        nextStale = false;
    }

    public boolean isArmed(final TimerKind kind)
    {
        return deadlinesNs[kind.ordinal()] != NONE;
    }

    public long deadlineNs(final TimerKind kind)
    {
        return deadlinesNs[kind.ordinal()];
    }

    /** If {@code kind} is due at {@code nowNs}, disarms it and returns true. */
    public boolean expire(final TimerKind kind, final long nowNs)
    {
        final long deadline = deadlinesNs[kind.ordinal()];
        if (deadline != NONE && deadline - nowNs <= 0)
        {
            set(kind, NONE);
            return true;
        }
        return false;
    }

    public long nextDeadlineNs()
    {
        if (nextStale)
        {
            long next = NONE;
            for (final long deadline : deadlinesNs)
            {
                if (deadline < next)
                {
                    next = deadline;
                }
            }
            nextNs = next;
            nextStale = false;
        }
        return nextNs;
    }
}
