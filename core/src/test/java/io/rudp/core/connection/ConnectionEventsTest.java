package io.rudp.core.connection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event coalescing, a passive connection's silence before CONNECTED, one terminal event; and the amplification limit. */
class ConnectionEventsTest
{
    private static ConnectionEvents events(final boolean passive)
    {
        final Event[] objects = new Event[EventType.COUNT];
        for (final EventType type : EventType.values())
        {
            objects[type.ordinal()] = new Event(null, type);
        }
        return new ConnectionEvents(objects, passive);
    }

    @Test
    void anEventWaitingIsNotQueuedTwice()
    {
        final ConnectionEvents events = events(false);
        final Event readable = events.raise(EventType.READABLE);
        assertNotNull(readable);
        assertNull(events.raise(EventType.READABLE), "one READABLE waiting says it all");
        events.polled(readable);
        assertSame(readable, events.raise(EventType.READABLE), "taken: the next one queues again");
    }

    @Test
    void aPassiveConnectionIsSilentUntilConnected()
    {
        final ConnectionEvents events = events(true);
        assertNull(events.raise(EventType.READABLE), "the application has not met it yet");
        assertNull(events.raise(EventType.RESET));
        assertNotNull(events.raise(EventType.CONNECTED));
        assertNotNull(events.raise(EventType.READABLE));
    }

    @Test
    void exactlyOneTerminalEvent()
    {
        final ConnectionEvents events = events(false);
        assertNotNull(events.raise(EventType.TIMED_OUT));
        assertNull(events.raise(EventType.CLOSED));
        assertNull(events.raise(EventType.RESET));
    }

    @Test
    void aSynAckIsResentOnlyWithinThreeTimesWhatTheUnvalidatedAddressSent()
    {
        final AmplificationLimit limit = new AmplificationLimit();
        limit.onReceived(40);
        assertTrue(limit.allowsSynAck(), "the first always goes");
        limit.onSynAckSent(60);
        assertTrue(limit.allowsSynAck(), "120 <= 3 x 40");
        limit.onSynAckSent(60);
        assertFalse(limit.allowsSynAck(), "180 > 120: a spoofed SYN gets no more");
        limit.onReceived(40);
        assertTrue(limit.allowsSynAck(), "the peer's own retransmitted SYN raises the allowance");
    }
}
