package io.rudp.benchmarks.compare;

/**
 * The part of a bulk run that is measured: everything after a warm-up that starts at the first step.
 * The JVMs compile the hot paths during the first seconds (C2 was a quarter of rudp's CPU samples
 * over a 15-second run), so goodput and CPU per byte are taken from the steady state, as JMH does.
 * Both roles keep their own window: the client's starts when it begins to send, the server's at
 * the first byte, a round trip apart. One thread per window.
 */
final class MeasuredWindow
{
    private final long warmupNs;
    private boolean started;
    private long firstNs;
    private boolean measuring;
    private long startNs;

    /**
     * @param warmupNs how long the run goes before it counts (0: from the first step)
     */
    MeasuredWindow(final long warmupNs)
    {
        this.warmupNs = warmupNs;
    }

    /**
     * One step of the run (a read or a write) at {@code nowNs}. The first step starts the warm-up;
     * the first one past it starts the measurement and marks the process's CPU time there
     * ({@link Role#warmedUp()}).
     *
     * @param nowNs {@code System.nanoTime()} at this step
     * @return whether this step is measured
     */
    boolean counts(final long nowNs)
    {
        if (!started)
        {
            started = true;
            firstNs = nowNs;
        }
        if (!measuring && nowNs - firstNs >= warmupNs)
        {
            measuring = true;
            startNs = nowNs;
            Role.warmedUp();
        }
        return measuring;
    }

    /** {@return when the measurement started, on {@code System.nanoTime()}} */
    long startNs()
    {
        return startNs;
    }
}
