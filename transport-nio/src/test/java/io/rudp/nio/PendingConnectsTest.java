package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.Endpoint;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connects waiting for their handshake, on a clock about to wrap, with engines that never send. */
class PendingConnectsTest
{
    private static final long SECOND = 1_000_000_000L;
    /** Half a second before the wrap (Long.MAX_VALUE itself means "no deadline" to the loop). */
    private static final long T0 = Long.MAX_VALUE - SECOND / 2;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 9);

    private final Endpoint endpoint = new Endpoint(RudpConfig.builder().isnSecret(1, 2).build());
    private final PendingConnects pending = new PendingConnects();

    private Connection engine(final int remotePort)
    {
        return endpoint.connect(T0, PEER, 0, remotePort);
    }

    private static CloseReason failure(final CompletableFuture<RudpConnection> future)
    {
        final CompletionException e = assertThrows(CompletionException.class, future::join);
        return assertInstanceOf(RudpException.class, e.getCause()).reason();
    }

    @Test
    void aConnectTimesOutAtItsDeadlineAcrossTheClockWrapAndItsEngineIsAborted()
    {
        final Connection engine = engine(1);
        final CompletableFuture<RudpConnection> future = new CompletableFuture<>();
        pending.add(engine, future, T0 + 5 * SECOND); // past Long.MAX_VALUE: wraps negative
        assertEquals(T0 + 5 * SECOND, pending.earliestDeadlineNs(Long.MAX_VALUE));
        pending.expire(T0 + 5 * SECOND - 1);
        assertFalse(future.isDone());
        pending.expire(T0 + 5 * SECOND);
        assertEquals(CloseReason.CONNECT_TIMED_OUT, failure(future));
        assertEquals(ConnectionState.CLOSED, engine.state());
        assertEquals(Long.MAX_VALUE, pending.earliestDeadlineNs(Long.MAX_VALUE), "nothing waits any more");
    }

    @Test
    void eachEnginesHandshakeCompletesItsOwnConnect()
    {
        final Connection first = engine(1);
        final Connection second = engine(2);
        final CompletableFuture<RudpConnection> firstFuture = new CompletableFuture<>();
        final CompletableFuture<RudpConnection> secondFuture = new CompletableFuture<>();
        pending.add(first, firstFuture, T0 + 5 * SECOND);
        pending.add(second, secondFuture, T0 + SECOND);
        assertEquals(T0 + SECOND, pending.earliestDeadlineNs(T0 + 3 * SECOND));

        pending.complete(second, null, CloseReason.REFUSED);
        assertEquals(CloseReason.REFUSED, failure(secondFuture));
        assertFalse(firstFuture.isDone());
        pending.complete(second, null, null); // no connect waits for it any more: nothing happens
        assertEquals(T0 + 5 * SECOND, pending.earliestDeadlineNs(Long.MAX_VALUE));

        pending.complete(first, null, null);
        assertTrue(firstFuture.isDone());
        assertSame(null, firstFuture.join());
    }

    @Test
    void closingTheSocketFailsEveryConnectStillWaiting()
    {
        final CompletableFuture<RudpConnection> future = new CompletableFuture<>();
        pending.add(engine(1), future, T0 + SECOND);
        pending.failAll();
        assertEquals(CloseReason.ABORTED, failure(future));
        assertEquals(Long.MAX_VALUE, pending.earliestDeadlineNs(Long.MAX_VALUE));
    }
}
