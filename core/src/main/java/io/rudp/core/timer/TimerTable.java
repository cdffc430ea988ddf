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

    /**
     * A table with every timer disarmed.
     */
    public TimerTable()
    {
        java.util.Arrays.fill(deadlinesNs, NONE);
    }

    /**
     * Arms a timer (again).
     *
     * @param kind the timer
     * @param deadlineNs when it fires ({@code NONE} disarms it)
     */
    public void set(final TimerKind kind, final long deadlineNs)
    {
        final long old = deadlinesNs[kind.ordinal()];
        deadlinesNs[kind.ordinal()] = deadlineNs;
        if (!Deadlines.before(nextNs, deadlineNs)) // deadlineNs <= nextNs, wrap-safe
        {
            nextNs = deadlineNs;
        }
        else if (old == nextNs)
        {
            nextStale = true; // the earliest timer moved later: rescan when asked
        }
    }

    /**
     * Disarms a timer.
     *
     * @param kind the timer
     */
    public void cancel(final TimerKind kind)
    {
        set(kind, NONE);
    }

    /**
     * Disarms every timer.
     */
    public void cancelAll()
    {
        java.util.Arrays.fill(deadlinesNs, NONE);
        nextNs = NONE;
        nextStale = false;
    }

    /**
     * Whether a timer is armed.
     *
     * @param kind the timer
     * @return whether it is armed
     */
    public boolean isArmed(final TimerKind kind)
    {
        return deadlinesNs[kind.ordinal()] != NONE;
    }

    /**
     * When a timer fires.
     *
     * @param kind the timer
     * @return its deadline, or {@code NONE}
     */
    public long deadlineNs(final TimerKind kind)
    {
        return deadlinesNs[kind.ordinal()];
    }

    /**
     * If {@code kind} is due at {@code nowNs}, disarms it and returns true.
     *
     * @param kind the timer
     * @param nowNs the clock
     * @return whether it was due (and is now disarmed)
     */
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

    /**
     * {@return the earliest deadline of all, or {@code NONE}}
     */
    public long nextDeadlineNs()
    {
        if (nextStale)
        {
            long next = NONE;
            for (final long deadline : deadlinesNs)
            {
                next = Deadlines.earlier(next, deadline);
            }
            nextNs = next;
            nextStale = false;
        }
        return nextNs;
    }
}
