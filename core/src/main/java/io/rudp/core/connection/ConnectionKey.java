package io.rudp.core.connection;

import java.net.InetSocketAddress;

/**
 * (remote UDP address, local rudp port, remote rudp port): what identifies a connection. Mutable so
 * that the endpoint can look up every datagram with one reused probe instead of a new key each time;
 * keys stored in the map are never mutated after insertion.
 */
final class ConnectionKey
{
    private InetSocketAddress remote;
    private int localPort;
    private int remotePort;

    ConnectionKey set(final InetSocketAddress remote, final int localPort, final int remotePort)
    {
        this.remote = remote;
        this.localPort = localPort;
        this.remotePort = remotePort;
        return this;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof ConnectionKey))
        {
            return false;
        }
        final ConnectionKey other = (ConnectionKey)o;
        return localPort == other.localPort && remotePort == other.remotePort && remote.equals(other.remote);
    }

    @Override
    public int hashCode()
    {
        return (remote.hashCode() * 31 + localPort) * 31 + remotePort;
    }
}
