package io.rudp.examples;

import io.rudp.nio.RudpLoop;

/** How the example servers wait: until their loop stops, exiting non-zero if it died. */
final class LoopDeath
{
    private LoopDeath()
    {
    }

    /** Blocks until {@code loop} stops; 0 after a normal close, 1 if an Error killed it (printed). */
    static int await(final RudpLoop loop)
    {
        try
        {
            loop.terminationFuture().join();
            return 0;
        }
        catch (final java.util.concurrent.CompletionException e)
        {
            System.err.println("the rudp loop died: " + e.getCause());
            return 1;
        }
    }
}
