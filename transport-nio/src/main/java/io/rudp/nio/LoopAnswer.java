package io.rudp.nio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Another thread's wait for what it asked of the loop: bounded (a loop that does not answer within
 * 30 s is reported, not waited on forever), with the task's own unchecked exception rethrown as it
 * was and anything else wrapped.
 */
final class LoopAnswer
{
    private static final long WAIT_SECONDS = 30;

    private LoopAnswer()
    {
    }

    /** {@return the task's result, once the loop has run it} */
    static <T> T await(final CompletableFuture<T> answer)
    {
        try
        {
            return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException e)
        {
            if (e.getCause() instanceof RuntimeException)
            {
                throw (RuntimeException)e.getCause();
            }
            throw new CompletionException(e.getCause());
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the loop", e);
        }
        catch (final TimeoutException e)
        {
            throw new IllegalStateException("the loop did not answer within " + WAIT_SECONDS + " s", e);
        }
    }
}
