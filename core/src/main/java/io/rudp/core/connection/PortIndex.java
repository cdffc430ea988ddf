package io.rudp.core.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint's connections by their rudp ports alone (local, remote), whatever the peer's address:
 * where to look when a segment comes from an address no connection has, since a NAT may have given
 * the peer a new one. Peers at different addresses may share a port pair, so each pair holds a list
 * (almost always of one). Looked up only for segments that match no connection, never per segment.
 */
final class PortIndex
{
    private final Map<Integer, List<Connection>> byPorts = new HashMap<>();

    private static Integer key(final int localPort, final int remotePort)
    {
        return (localPort << 16) | remotePort;
    }

    void add(final Connection connection)
    {
        byPorts.computeIfAbsent(key(connection.localPort(), connection.remotePort()), k -> new ArrayList<>(1))
            .add(connection);
    }

    void remove(final Connection connection)
    {
        final Integer key = key(connection.localPort(), connection.remotePort());
        final List<Connection> list = byPorts.get(key);
        if (list != null && list.remove(connection) && list.isEmpty())
        {
            byPorts.remove(key);
        }
    }

    /** The connections with these ports (do not change the list), or an empty list. */
    List<Connection> get(final int localPort, final int remotePort)
    {
        return byPorts.getOrDefault(key(localPort, remotePort), List.of());
    }
}
