package io.rudp.nio.testkit;

import io.rudp.core.conformance.ConformanceHarness;
import io.rudp.nio.RudpConnection;

/**
 * A conformance peer over a {@link RudpConnection}: the calls every harness makes the same way
 * (half-close, close, abort). How it writes, reads and waits is the harness's: blocking streams
 * over real UDP, or steps of an embedded loop.
 */
public abstract class ConnectionPeer implements ConformanceHarness.Peer
{
    /** The connection this peer is. */
    protected final RudpConnection connection;

    /** @param connection the connection this peer is */
    protected ConnectionPeer(final RudpConnection connection)
    {
        this.connection = connection;
    }

    @Override
    public final void shutdownOutput()
    {
        connection.shutdownOutput();
    }

    @Override
    public final void close()
    {
        connection.close();
    }

    @Override
    public final void abort()
    {
        connection.abort();
    }
}
