package io.rudp.core.connection;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint's connections: by their four-tuple (the peer's UDP address, both rudp ports), by
 * their ports alone for a peer that a NAT moved ({@link PortIndex}), and how many are half-open.
 * Lookups allocate nothing: one probe key is reused.
 */
final class ConnectionTable
{
    private final Map<ConnectionKey, Connection> byKey = new HashMap<>();
    private final PortIndex byPorts = new PortIndex();
    private final ConnectionKey probeKey = new ConnectionKey();
    private int halfOpen;

    /** {@return the connection with this four-tuple, or null} */
    Connection get(final InetSocketAddress remote, final int localPort, final int remotePort)
    {
        return byKey.get(probeKey.set(remote, localPort, remotePort));
    }

    /** {@return whether a connection with this four-tuple exists} */
    boolean contains(final InetSocketAddress remote, final int localPort, final int remotePort)
    {
        return byKey.containsKey(probeKey.set(remote, localPort, remotePort));
    }

    /** Adds {@code connection} under its four-tuple; a passive open counts as half-open until it ends. */
    void add(final Connection connection, final boolean halfOpenNow)
    {
        byKey.put(new ConnectionKey().set(connection.remoteAddress(), connection.localPort(), connection.remotePort()),
            connection);
        byPorts.add(connection);
        if (halfOpenNow)
        {
            halfOpen++;
        }
    }

    /** {@code connection} moved from {@code old} to the address it has now (NAT rebinding). */
    void rekey(final Connection connection, final InetSocketAddress old)
    {
        byKey.remove(probeKey.set(old, connection.localPort(), connection.remotePort()));
        byKey.put(new ConnectionKey().set(connection.remoteAddress(), connection.localPort(), connection.remotePort()),
            connection);
    }

    void remove(final Connection connection)
    {
        byKey.remove(probeKey.set(connection.remoteAddress(), connection.localPort(), connection.remotePort()));
        byPorts.remove(connection);
    }

    /** {@return the connections with these rudp ports, whatever their peer's address (do not change the list)} */
    List<Connection> withPorts(final int localPort, final int remotePort)
    {
        return byPorts.get(localPort, remotePort);
    }

    /** A connection left SYN-RECEIVED. */
    void halfOpenEnded()
    {
        halfOpen--;
    }

    int halfOpen()
    {
        return halfOpen;
    }

    int size()
    {
        return byKey.size();
    }

    /** {@return every connection (a live view: do not change the table while iterating)} */
    Collection<Connection> all()
    {
        return byKey.values();
    }

    /** {@return a copy of every connection, for inspection} */
    List<Connection> snapshot()
    {
        return new ArrayList<>(byKey.values());
    }
}
