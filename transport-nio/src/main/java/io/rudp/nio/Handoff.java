package io.rudp.nio;

import io.rudp.core.connection.CloseReason;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What a connection's application threads ({@link RudpConnection}) and its loop thread
 * ({@link ConnectionPump}) share, and nothing else: two single-producer single-consumer byte rings,
 * the requests one side makes of the other, and who is parked waiting. Every field is volatile
 * (or atomic) because the two sides run on different threads; the comments on each side say in
 * which order they are written and read.
 */
final class Handoff
{
    // Application -> loop.
    /** Bytes written, waiting for the engine (created on the first write). */
    volatile SpscByteRing out;
    volatile boolean outputShutdown;
    volatile boolean inputClosed;
    /** The loop is shutting down and closed this connection on the application's behalf. */
    volatile boolean closedByLoop;
    volatile boolean abortRequested;
    /** A write was refused for room: the writer wants to hear when there is some. */
    volatile boolean writableWanted;
    /** The loop left bytes in the engine for want of room in {@link #in}: a read that makes room calls it back. */
    volatile boolean readerWaitingForSpace;
    volatile RudpConnection.Listener listener;

    // Loop -> application.
    /** Bytes received, waiting for the application (created when the first arrive). */
    volatile SpscByteRing in;
    volatile boolean endOfStream;
    /** How the connection ended, or null while open. */
    volatile CloseReason closeReason;
    volatile Thread parkedReader;
    volatile Thread parkedWriter;

    /** The connection is queued for the loop's attention (at most once). */
    final AtomicBoolean attentionQueued = new AtomicBoolean();
    final CompletableFuture<CloseReason> closeFuture = new CompletableFuture<>();

    Handoff(final RudpConnection.Listener listener)
    {
        this.listener = listener;
    }

    /** Wakes a parked application thread, if any. */
    static void unpark(final Thread thread)
    {
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }
}
