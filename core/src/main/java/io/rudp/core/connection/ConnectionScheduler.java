package io.rudp.core.connection;

import io.rudp.core.timer.TimerHeap;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Which of an endpoint's connections sends next and whose timer fires next: a round-robin queue of
 * connections that may have something to send, and a heap of their next deadlines. A connection
 * that changed (a segment arrived, the application wrote, a timer fired) is queued and re-sorted.
 */
final class ConnectionScheduler
{
    private final ArrayDeque<Connection> sendQueue = new ArrayDeque<>();
    private final TimerHeap<EndpointSide> timerHeap = new TimerHeap<>();

    /** Queues {@code connection} to transmit, and re-sorts its timer. */
    void changed(final Connection connection)
    {
        if (connection.state() == ConnectionState.CLOSED)
        {
            return;
        }
        final EndpointSide side = connection.endpointSide();
        if (!side.inSendQueue())
        {
            side.inSendQueue(true);
            sendQueue.addLast(connection);
        }
        timerHeap.update(side);
    }

    /** {@code connection} is gone: out of the queue and the heap. */
    void remove(final Connection connection)
    {
        final EndpointSide side = connection.endpointSide();
        timerHeap.remove(side);
        if (side.inSendQueue())
        {
            sendQueue.remove(connection);
            side.inSendQueue(false);
        }
    }

    /** Runs every timer due at {@code nowNs}. */
    void runTimers(final long nowNs)
    {
        EndpointSide next;
        while ((next = timerHeap.peek()) != null && next.heapDeadlineNs() - nowNs <= 0)
        {
            next.onTimeout(nowNs);
            timerHeap.update(next);
        }
    }

    /** {@return the earliest deadline of any connection, or {@link Long#MAX_VALUE}} */
    long nextDeadlineNs()
    {
        return timerHeap.minDeadlineNs();
    }

    /**
     * The first queued connection with something to send writes it at {@code offset} in {@code dst},
     * whose position then moves past it; connections with nothing to send leave the queue.
     *
     * @return the connection that wrote a segment, or null if none had one
     */
    Connection transmitNext(final long nowNs, final ByteBuffer dst, final int offset)
    {
        Connection connection;
        while ((connection = sendQueue.peekFirst()) != null)
        {
            final EndpointSide side = connection.endpointSide();
            final int length = side.transmit(nowNs, dst, offset);
            if (length > 0)
            {
                // Round robin: a connection with more to send goes behind the others.
                sendQueue.pollFirst();
                sendQueue.addLast(connection);
                timerHeap.update(side);
                dst.position(offset + length);
                return connection;
            }
            sendQueue.pollFirst();
            side.inSendQueue(false);
            timerHeap.update(side);
        }
        return null;
    }
}
