package io.rudp.core.connection;

/**
 * The events a connection raises, as the application sees them: one of each type waiting at a
 * time (a second READABLE before the first is taken adds nothing), nothing from a passive
 * connection before its CONNECTED (the application has not met it yet), and exactly one terminal
 * event (CLOSED, RESET or TIMED_OUT).
 */
final class ConnectionEvents
{
    private final Event[] events;
    private final boolean passive;
    /** A bit per type waiting in the endpoint's queue. */
    private int queued;
    private boolean announced;
    private boolean terminalRaised;

    /**
     * @param events one event object per type, indexed by ordinal (reused: an event is queued at most once)
     * @param passive whether the connection was accepted on a listening port
     */
    ConnectionEvents(final Event[] events, final boolean passive)
    {
        this.events = events;
        this.passive = passive;
    }

    /**
     * Raises an event of {@code type}.
     *
     * @return the event to queue, or null if it must not be (already waiting, not yet announced,
     * a second terminal event)
     */
    Event raise(final EventType type)
    {
        if (passive && !announced && type != EventType.CONNECTED)
        {
            return null;
        }
        final boolean terminal = type == EventType.CLOSED || type == EventType.RESET || type == EventType.TIMED_OUT;
        if (terminal)
        {
            if (terminalRaised)
            {
                return null;
            }
            terminalRaised = true;
        }
        announced = true;
        final int bit = type.bit();
        if ((queued & bit) != 0)
        {
            return null;
        }
        queued |= bit;
        return events[type.ordinal()];
    }

    /** The endpoint handed {@code event} out: another of its type may be queued. */
    void polled(final Event event)
    {
        queued &= ~event.type().bit();
    }
}
