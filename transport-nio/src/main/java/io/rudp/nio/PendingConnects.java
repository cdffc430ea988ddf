package io.rudp.nio;

import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.timer.Deadlines;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A socket's connects still waiting for their handshake: each one's future and the deadline of its
 * connect timeout. Loop thread only.
 */
final class PendingConnects
{
    private record Pending(Connection engine, CompletableFuture<RudpConnection> future, long deadlineNs)
    {
    }

    private final List<Pending> pending = new ArrayList<>();

    void add(final Connection engine, final CompletableFuture<RudpConnection> future, final long deadlineNs)
    {
        pending.add(new Pending(engine, future, deadlineNs));
    }

    /** Connects whose timeout ended by {@code nowNs} fail as CONNECT_TIMED_OUT, and their engines abort. */
    void expire(final long nowNs)
    {
        for (int i = pending.size() - 1; i >= 0; i--)
        {
            final Pending p = pending.get(i);
            if (p.deadlineNs() - nowNs <= 0)
            {
                pending.remove(i);
                p.future().completeExceptionally(new RudpException(CloseReason.CONNECT_TIMED_OUT,
                    "no answer from " + p.engine().remoteAddress() + " rudp port " + p.engine().remotePort()));
                p.engine().abort();
            }
        }
    }

    /** {@return the earlier of {@code deadlineNs} and the first connect timeout} */
    long earliestDeadlineNs(final long deadlineNs)
    {
        long next = deadlineNs;
        for (int i = 0; i < pending.size(); i++)
        {
            next = Deadlines.earlier(next, pending.get(i).deadlineNs());
        }
        return next;
    }

    /**
     * {@code engine}'s handshake ended: its connect completes with {@code connection}, or fails with
     * {@code failure}. Nothing happens for an engine no connect waits for (an accepted connection).
     */
    void complete(final Connection engine, final RudpConnection connection, final CloseReason failure)
    {
        for (int i = 0; i < pending.size(); i++)
        {
            final Pending p = pending.get(i);
            if (p.engine() == engine)
            {
                pending.remove(i);
                if (failure == null)
                {
                    p.future().complete(connection);
                }
                else
                {
                    p.future().completeExceptionally(new RudpException(failure,
                        engine.remoteAddress() + " rudp port " + engine.remotePort()));
                }
                return;
            }
        }
    }

    /** The socket closed: every connect still waiting fails as ABORTED. */
    void failAll()
    {
        for (final Pending p : pending)
        {
            p.future().completeExceptionally(new RudpException(CloseReason.ABORTED, "socket closed"));
        }
        pending.clear();
    }
}
