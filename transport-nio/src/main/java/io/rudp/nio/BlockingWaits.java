package io.rudp.nio;

import io.rudp.core.connection.CloseReason;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Where an application thread using a connection's blocking streams parks until the loop has done
 * its part: data or end of stream to read, room to write, everything staged handed to the engine.
 * The loop unparks the thread recorded in {@link Handoff}; each wait also ends when the connection
 * does, and on interrupt.
 */
final class BlockingWaits
{
    private final RudpConnection connection;
    private final Handoff shared;

    BlockingWaits(final RudpConnection connection, final Handoff shared)
    {
        this.connection = connection;
        this.shared = shared;
    }

    /** Blocks the calling thread until data, end of stream or close, for at most {@code timeoutNs} (0: no limit). */
    void awaitReadable(final long timeoutNs) throws IOException
    {
        shared.parkedReader = Thread.currentThread();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        try
        {
            while (connection.available() == 0 && !shared.endOfStream && (shared.closeReason == null || shared.closeReason == CloseReason.NORMAL))
            {
                if (timeoutNs > 0)
                {
                    final long leftNs = deadlineNs - System.nanoTime();
                    if (leftNs <= 0)
                    {
                        throw new java.net.SocketTimeoutException("read timed out after "
                            + Duration.ofNanos(timeoutNs).toMillis() + " ms on " + connection);
                    }
                    LockSupport.parkNanos(connection, leftNs);
                }
                else
                {
                    LockSupport.park(connection);
                }
                if (Thread.interrupted())
                {
                    throw new java.io.InterruptedIOException("interrupted while reading " + connection);
                }
            }
        }
        finally
        {
            shared.parkedReader = null;
        }
    }

    /** Blocks until the outbound ring has room, or the connection ends. */
    void awaitWritable() throws IOException
    {
        shared.parkedWriter = Thread.currentThread();
        try
        {
            shared.writableWanted = true;
            while (shared.out != null && shared.out.freeBytes() == 0 && shared.closeReason == null)
            {
                LockSupport.park(connection);
                if (Thread.interrupted())
                {
                    throw new java.io.InterruptedIOException("interrupted while writing " + connection);
                }
            }
        }
        finally
        {
            shared.parkedWriter = null;
        }
    }

    /** Blocks until every queued byte is in the engine (not necessarily acknowledged). */
    void awaitStagedDrained() throws IOException
    {
        shared.parkedWriter = Thread.currentThread();
        try
        {
            while (shared.out != null && !shared.out.isEmpty() && shared.closeReason == null)
            {
                LockSupport.park(connection); // the loop unparks when it empties the ring, or on close
                if (Thread.interrupted())
                {
                    throw new java.io.InterruptedIOException("interrupted while flushing " + connection);
                }
            }
        }
        finally
        {
            shared.parkedWriter = null;
        }
    }
}
