package io.rudp.core.connection;

/**
 * One thing that happened to a connection. Each connection owns one instance per {@link EventType}
 * and an event is queued at most once until polled, so reporting events allocates nothing.
 */
public final class Event
{
    private final Connection connection;
    private final EventType type;

    Event(final Connection connection, final EventType type)
    {
        this.connection = connection;
        this.type = type;
    }

    /**
     * {@return the connection it is about}
     */
    public Connection connection()
    {
        return connection;
    }

    /**
     * {@return what happened}
     */
    public EventType type()
    {
        return type;
    }

    @Override
    public String toString()
    {
        return type + " " + connection;
    }
}
