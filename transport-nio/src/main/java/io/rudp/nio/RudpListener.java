package io.rudp.nio;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Connections accepted on one rudp port. Either a handler receives each connection on the loop
 * thread (the callback form), or {@link #accept()} hands them out one by one as futures.
 */
public final class RudpListener implements AutoCloseable
{
    private final RudpSocket socket;
    private final int port;
    private final Consumer<RudpConnection> handler;
    // Loop thread only: connections accepted before anyone asked, and askers waiting for one.
    private final ArrayDeque<RudpConnection> backlog = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<RudpConnection>> waiting = new ArrayDeque<>();

    RudpListener(final RudpSocket socket, final int port, final Consumer<RudpConnection> handler)
    {
        this.socket = socket;
        this.port = port;
        this.handler = handler;
    }

    /**
     * {@return the rudp port listened on}
     */
    public int port()
    {
        return port;
    }

    /**
     * The next accepted connection (without a handler).
     *
     * @return the connection, once one completes its handshake
     */
    public CompletableFuture<RudpConnection> accept()
    {
        if (handler != null)
        {
            throw new IllegalStateException("this listener hands connections to its handler; accept() is for listeners without one");
        }
        final CompletableFuture<RudpConnection> result = new CompletableFuture<>();
        socket.loop().execute(() ->
        {
            final RudpConnection ready = backlog.pollFirst();
            if (ready != null)
            {
                result.complete(ready);
            }
            else
            {
                waiting.addLast(result);
            }
        });
        return result;
    }

    /** Stops accepting new connections on the port; accepted ones go on. */
    @Override
    public void close()
    {
        socket.loop().execute(() -> socket.stopListening(this));
    }

    /** Loop thread. */
    void onAccepted(final RudpConnection connection)
    {
        if (handler != null)
        {
            handler.accept(connection);
            return;
        }
        CompletableFuture<RudpConnection> waiter;
        while ((waiter = waiting.pollFirst()) != null)
        {
            if (waiter.complete(connection))
            {
                return;
            }
        }
        backlog.addLast(connection);
    }

    static Consumer<RudpConnection> requireHandler(final Consumer<RudpConnection> handler)
    {
        return Objects.requireNonNull(handler, "handler");
    }
}
