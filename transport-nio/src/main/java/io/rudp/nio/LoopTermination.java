package io.rudp.nio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How a loop's life ends: the future that completes when its thread has stopped (exceptionally
 * with the Error that killed it), the wait for that in {@code close()}, and the JVM shutdown hook
 * that aborts every connection when the application exits without closing the loop.
 */
final class LoopTermination
{
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Thread exitHook;
    private volatile Throwable failure;
    private boolean hookInstalled;

    /** @param abortOnExit what the exit hook runs: the loop stopping at once, without close()'s grace */
    LoopTermination(final Runnable abortOnExit)
    {
        this.exitHook = new Thread(abortOnExit, "rudp-loop-exit");
    }

    /** Aborts the loop's connections when the JVM exits without closing it (see {@link LoopConfig#abortOnExit()}). */
    void installExitHook()
    {
        Runtime.getRuntime().addShutdownHook(exitHook);
        hookInstalled = true;
    }

    /** The loop's thread died of {@code t}. */
    void died(final Throwable t)
    {
        failure = t;
    }

    /** {@return the Error that killed the loop, or null} */
    Throwable failure()
    {
        return failure;
    }

    /** The loop's thread has stopped and cleaned up. */
    void stopped()
    {
        if (failure != null)
        {
            terminated.completeExceptionally(failure);
        }
        else
        {
            terminated.complete(null);
        }
    }

    /** {@return a copy of the termination future: completing it changes nothing} */
    CompletableFuture<Void> future()
    {
        return terminated.copy();
    }

    /** Waits at most {@code seconds} for the loop to stop (the exit hook's wait). */
    void awaitBriefly(final long seconds)
    {
        try
        {
            terminated.get(seconds, TimeUnit.SECONDS);
        }
        catch (final Exception e)
        {
            // exiting anyway: best effort
        }
    }

    /**
     * Waits for the loop to stop, whether it was closed or died, and for its backend's thread to
     * have exited, so no loop thread outlives close(); then the exit hook is no longer needed.
     */
    void await(final LoopBackend backend)
    {
        terminated.handle((v, e) -> null).join();
        try
        {
            backend.join();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        if (hookInstalled)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            }
            catch (final IllegalStateException e)
            {
                // the JVM is already exiting: the hook is running or done
            }
        }
    }
}
