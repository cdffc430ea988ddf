package io.rudp.core.congestion;

/**
 * The maximum of a signal over a sliding window, kept as the best three samples (Kathleen Nichols'
 * algorithm, as Linux's {@code win_minmax}): the best, the best since a third of the window, the
 * best since two thirds. O(1) per sample, no allocation. Time is in any monotonic unit (BBR uses
 * round trips).
 */
public final class WindowedMaxFilter
{
    private final long window;
    private final long[] times = new long[3];
    private final long[] values = new long[3];

    /**
     * A filter remembering the largest sample of the last {@code window}.
     *
     * @param window how long a sample counts, in the caller's time unit
     */
    public WindowedMaxFilter(final long window)
    {
        this.window = window;
    }

    /**
     * {@return the maximum over the window}
     */
    public long get()
    {
        return values[0];
    }

    /**
     * Forgets every sample but this one.
     *
     * @param time when
     * @param value the only sample
     */
    public void reset(final long time, final long value)
    {
        for (int i = 0; i < 3; i++)
        {
            times[i] = time;
            values[i] = value;
        }
    }

    /**
     * Adds a sample taken at {@code time}; returns the windowed maximum.
     *
     * @param time when the sample was taken
     * @param value the sample
     * @return the maximum over the window
     */
    public long update(final long time, final long value)
    {
        if (value >= values[0] || time - times[2] > window)
        {
            reset(time, value);
            return values[0];
        }
        if (value >= values[1])
        {
            times[1] = time;
            values[1] = value;
            times[2] = time;
            values[2] = value;
        }
        else if (value >= values[2])
        {
            times[2] = time;
            values[2] = value;
        }
        return subwinUpdate(time, value);
    }

    /** Drops the oldest best: the second and third move up, the new sample becomes the third. */
    private void shift(final long time, final long value)
    {
        times[0] = times[1];
        values[0] = values[1];
        times[1] = times[2];
        values[1] = values[2];
        times[2] = time;
        values[2] = value;
    }

    /** The best sample aged out of the window: the next best take over, and the last third restarts. */
    private long subwinUpdate(final long time, final long value)
    {
        final long elapsed = time - times[0];
        if (elapsed > window)
        {
            shift(time, value);
            if (time - times[0] > window)
            {
                shift(time, value);
            }
        }
        else if (times[1] == times[0] && elapsed > window / 4)
        {
            times[1] = time;
            values[1] = value;
            times[2] = time;
            values[2] = value;
        }
        else if (times[2] == times[1] && elapsed > window / 2)
        {
            times[2] = time;
            values[2] = value;
        }
        return values[0];
    }
}
