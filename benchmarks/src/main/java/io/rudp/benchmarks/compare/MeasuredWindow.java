package io.rudp.benchmarks.compare;

import java.util.concurrent.TimeUnit;

/**
 * The part of a bulk run that is measured: everything after a warm-up that starts at the first step.
 * The JVMs compile the hot paths during the first seconds (C2 was a quarter of rudp's CPU samples
 * over a 15-second run), so goodput and CPU per byte are taken from the steady state, as JMH does.
 * Both roles keep their own window: a sender's starts when it begins to send ({@link #sending}), a
 * receiver's at the first byte ({@link #received}), a round trip apart. One thread at a time per
 * window.
 */
final class MeasuredWindow
{
    private final long warmupNs;
    /** When a sender stops (on {@code System.nanoTime()}); unused by a receiver. */
    private final long endNs;
    private boolean started;
    private long firstNs;
    private boolean measuring;
    private long startNs;
    private long measuredBytes;
    private long lastNs;

    private MeasuredWindow(final long warmupNs, final long endNs)
    {
        this.warmupNs = warmupNs;
        this.endNs = endNs;
    }

    /** {@return a receiver's window: it counts what arrives after {@link Role#warmupNs()}} */
    static MeasuredWindow receiving()
    {
        return new MeasuredWindow(Role.warmupNs(), 0);
    }

    /** {@return a sender's window: it sends through {@link Role#warmupNs()} and then {@code seconds} more, from now} */
    static MeasuredWindow sendingFor(final long seconds)
    {
        return new MeasuredWindow(Role.warmupNs(), System.nanoTime() + Role.warmupNs() + TimeUnit.SECONDS.toNanos(seconds));
    }

    /**
     * A sender's step: whether it sends on (its time is not up), marking the step if so.
     *
     * @return whether to send another batch
     */
    boolean sending()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - endNs >= 0)
        {
            return false;
        }
        counts(nowNs);
        return true;
    }

    /** A receiver's step: {@code bytes} arrived now, counted once the warm-up is over. */
    void received(final int bytes)
    {
        lastNs = System.nanoTime();
        if (counts(lastNs))
        {
            measuredBytes += bytes;
        }
    }

    /** {@return whether anything arrived yet} */
    boolean receivedAny()
    {
        return started;
    }

    /** {@return a receiver's result: the bytes counted and the seconds from the warm-up's end to the last byte} */
    String bulkResult()
    {
        return "bytes=" + measuredBytes + " seconds=" + (lastNs - startNs) / 1e9;
    }

    /**
     * One step of the run (a read or a write) at {@code nowNs}. The first step starts the warm-up;
     * the first one past it starts the measurement and marks the process's CPU time there
     * ({@link Role#warmedUp()}).
     *
     * @return whether this step is measured
     */
    private boolean counts(final long nowNs)
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
}
