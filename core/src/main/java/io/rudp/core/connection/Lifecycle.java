package io.rudp.core.connection;

import io.rudp.core.codec.TcpFlags;
import io.rudp.core.timer.TimerKind;

/**
 * The connection's state machine: its RFC 9293 state, why it ended, whether the application closed
 * its input, whether it counts as half-open, and the transitions that end it. Endings release the
 * connection from its endpoint and raise the application's events; every handler of the connection
 * changes state through here.
 */
final class Lifecycle
{
    private final Connection owner;
    private final ConnectionHost host;
    private final ConnectionParts parts;
    private final PeerAddress peer;
    private final ConnectionEvents events;

    private ConnectionState state;
    private CloseReason closeReason = CloseReason.NONE;
    /** The application closed its input: no more reads, and data that arrives gets a RST. */
    private boolean inputClosed;
    /** Counted against the endpoint's half-open limit (a passive open until it leaves SYN-RECEIVED). */
    private boolean halfOpen;

    Lifecycle(final Connection owner, final ConnectionHost host, final ConnectionParts parts, final PeerAddress peer,
        final boolean passive)
    {
        this.owner = owner;
        this.host = host;
        this.parts = parts;
        this.peer = peer;
        final Event[] eventObjects = new Event[EventType.COUNT];
        for (final EventType type : EventType.values())
        {
            eventObjects[type.ordinal()] = new Event(owner, type);
        }
        this.events = new ConnectionEvents(eventObjects, passive);
    }

    /** {@return the RFC 9293 state; null until the connection is opened} */
    ConnectionState state()
    {
        return state;
    }

    /**
     * Moves to {@code next}; endings go through {@link #terminate}, {@link #releaseQuietly} or {@link #enterTimeWait}.
     *
     * @param next the new state
     */
    void enter(final ConnectionState next)
    {
        state = next;
    }

    CloseReason closeReason()
    {
        return closeReason;
    }

    boolean inputClosed()
    {
        return inputClosed;
    }

    void closeInput()
    {
        inputClosed = true;
    }

    boolean abnormallyClosed()
    {
        return state == ConnectionState.CLOSED && closeReason != CloseReason.NORMAL;
    }

    /** A passive open starts counting against the endpoint's half-open limit. */
    void beginHalfOpen()
    {
        halfOpen = true;
    }

    void endHalfOpen()
    {
        if (halfOpen)
        {
            halfOpen = false;
            host.halfOpenEnded(owner);
        }
    }

    /**
     * Ends the connection: buffers discarded unless it ended normally, released from the endpoint, and
     * {@code event} raised. Nothing happens if it has ended already.
     *
     * @param reason why it ended
     * @param event what the application hears
     */
    void terminate(final CloseReason reason, final EventType event)
    {
        if (state == ConnectionState.CLOSED)
        {
            return;
        }
        state = ConnectionState.CLOSED;
        closeReason = reason;
        parts.timers.cancelAll();
        if (reason != CloseReason.NORMAL)
        {
            parts.rcv.discard();
        }
        endHalfOpen();
        host.released(owner);
        raise(event);
    }

    /** Sends the peer a RST (unless still in SYN-SENT, when it knows of no connection) and ends. */
    void resetAndTerminate(final CloseReason reason, final EventType event)
    {
        if (state != ConnectionState.SYN_SENT)
        {
            peer.sendReset(parts.snd.max(), parts.rcv.rcvNxt(), TcpFlags.RST | TcpFlags.ACK);
        }
        terminate(reason, event);
    }

    /** Closes without telling the application (TIME-WAIT expiry, a half-open connection that failed). */
    void releaseQuietly()
    {
        state = ConnectionState.CLOSED;
        if (closeReason == CloseReason.NONE)
        {
            closeReason = CloseReason.NORMAL;
        }
        parts.timers.cancelAll();
        endHalfOpen();
        host.released(owner);
    }

    /** Both FINs are exchanged: TIME-WAIT for 2 MSL, and the application hears CLOSED now. */
    void enterTimeWait(final long nowNs)
    {
        state = ConnectionState.TIME_WAIT;
        parts.timers.cancelAll();
        parts.timers.set(TimerKind.CLOSE, nowNs + parts.config.timeWaitNs());
        closeReason = CloseReason.NORMAL;
        raise(EventType.CLOSED);
    }

    /** Queues an event (see {@link ConnectionEvents}); READABLE no more once the application closed its input. */
    void raise(final EventType type)
    {
        if (type == EventType.READABLE && inputClosed)
        {
            return;
        }
        final Event event = events.raise(type);
        if (event != null)
        {
            host.queueEvent(event);
        }
    }

    /**
     * Called as the endpoint hands the event out.
     *
     * @return false if the event went stale while queued (READABLE after the application closed)
     */
    boolean eventPolled(final Event event)
    {
        events.polled(event);
        return !(event.type() == EventType.READABLE && inputClosed);
    }
}
