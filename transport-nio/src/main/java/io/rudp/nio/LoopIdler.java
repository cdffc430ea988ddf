package io.rudp.nio;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How the loop waits when a turn found nothing to do, as its {@link IdleMode} says: spinning on
 * {@code selectNow}, backing off (Agrona's strategy), or blocking in {@code select} until a
 * datagram, a command or the next timer. Other threads wake a blocked loop through {@link #wakeup()},
 * which costs a {@code Selector.wakeup()} only when the loop is really about to sleep.
 */
final class LoopIdler
{
    private final Selector selector;
    private final Consumer<SelectionKey> onReady;
    private final IdleMode mode;
    private final LongSupplier clock;
    private final LongSupplier nextDeadlineNs;
    private final BooleanSupplier commandsWaiting;
    private final AtomicBoolean wakeupArmed = new AtomicBoolean();
    private final IdleStrategy backoff = new BackoffIdleStrategy();

    /**
     * @param onReady what a ready key means (its socket has datagrams)
     * @param nextDeadlineNs the loop's next timer ({@link Long#MAX_VALUE}: none), asked only before blocking
     * @param commandsWaiting whether other threads left work (checked just before sleeping)
     */
    LoopIdler(final Selector selector, final Consumer<SelectionKey> onReady, final IdleMode mode,
        final LongSupplier clock, final LongSupplier nextDeadlineNs, final BooleanSupplier commandsWaiting)
    {
        this.selector = selector;
        this.onReady = onReady;
        this.mode = mode;
        this.clock = clock;
        this.nextDeadlineNs = nextDeadlineNs;
        this.commandsWaiting = commandsWaiting;
    }

    /**
     * After a turn: polls the sockets at once if the turn did work (or the loop is stopping),
     * else waits as the idle mode says, at most until the loop's next timer.
     */
    void idle(final int work, final boolean running)
    {
        try
        {
            if (work > 0 || !running)
            {
                selector.selectNow(onReady);
                return;
            }
            switch (mode)
            {
                case BUSY_SPIN -> selector.selectNow(onReady);
                case BACKOFF ->
                {
                    if (selector.selectNow(onReady) == 0)
                    {
                        backoff.idle();
                    }
                    else
                    {
                        backoff.reset();
                    }
                }
                default -> blockInSelect();
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks until a datagram, a command, or the next timer, whichever comes first. */
    private void blockInSelect() throws IOException
    {
        final long deadlineNs = nextDeadlineNs.getAsLong();
        wakeupArmed.set(true);
        if (commandsWaiting.getAsBoolean())
        {
            wakeupArmed.set(false); // a command raced in: don't sleep on it
            selector.selectNow(onReady);
            return;
        }
        if (deadlineNs == Long.MAX_VALUE)
        {
            selector.select(onReady);
        }
        else
        {
            final long waitNs = deadlineNs - clock.getAsLong();
            if (waitNs <= 0)
            {
                selector.selectNow(onReady);
            }
            else
            {
                selector.select(onReady, Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNs + 999_999)));
            }
        }
        wakeupArmed.set(false);
    }

    /** Any thread: wakes the loop if it is asleep (or about to be) in {@code select}. */
    void wakeup()
    {
        if (wakeupArmed.compareAndSet(true, false))
        {
            selector.wakeup();
        }
    }
}
