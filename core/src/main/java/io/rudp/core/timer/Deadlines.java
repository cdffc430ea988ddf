package io.rudp.core.timer;

/**
 * Ordering instants on a nanosecond clock that may wrap. A clock's origin is arbitrary
 * (the JVM's nanosecond clock may read anything, negative or near {@link Long#MAX_VALUE}), so two
 * instants are compared by the sign of their difference, never by {@code <} or {@code Math.min},
 * which see a deadline just past the wrap as the earliest of all. {@link TimerTable#NONE} (no
 * deadline) is later than every instant.
 */
public final class Deadlines
{
    private Deadlines()
    {
    }

    /**
     * {@return whether instant {@code a} comes strictly before instant {@code b}}
     *
     * @param a an instant, or NONE
     * @param b an instant, or NONE
     */
    public static boolean before(final long a, final long b)
    {
        return a != TimerTable.NONE && (b == TimerTable.NONE || a - b < 0);
    }

    /**
     * {@return the earlier of two instants (NONE only if both are)}
     *
     * @param a an instant, or NONE
     * @param b an instant, or NONE
     */
    public static long earlier(final long a, final long b)
    {
        return before(b, a) ? b : a;
    }
}
