package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;

import java.net.InetSocketAddress;
import java.util.function.ToIntFunction;

/**
 * An {@link Endpoint} as its connections see it: package-private, so an application holding the
 * endpoint cannot call what only its connections may (queue an event, release themselves, ...).
 * It also keeps the two things a transport installs for the connections: the observer and the
 * path-MTU ceiling per peer.
 */
final class EndpointHost implements ConnectionHost
{
    private final Endpoint endpoint;
    private ConnectionObserver observer = ConnectionObserver.NONE;
    private ToIntFunction<InetSocketAddress> pathCeiling;

    EndpointHost(final Endpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    void observer(final ConnectionObserver value)
    {
        observer = value;
    }

    void pathCeiling(final ToIntFunction<InetSocketAddress> value)
    {
        pathCeiling = value;
    }

    @Override
    public void changed(final Connection connection)
    {
        endpoint.changed(connection);
    }

    @Override
    public void queueEvent(final Event event)
    {
        endpoint.eventQueue().addLast(event);
    }

    @Override
    public void released(final Connection connection)
    {
        endpoint.release(connection);
    }

    @Override
    public void halfOpenEnded(final Connection connection)
    {
        endpoint.table().halfOpenEnded();
    }

    @Override
    public void sendReset(final InetSocketAddress remote, final int localPort, final int remotePort, final int seq,
        final int ack, final int flags)
    {
        endpoint.resets().offer(remote, localPort, remotePort, seq, ack, flags);
    }

    @Override
    public void dropped(final DropReason reason)
    {
        endpoint.drop(reason);
    }

    @Override
    public SegmentCodec codec()
    {
        return endpoint.codec();
    }

    @Override
    public MemoryBudget memoryBudget()
    {
        return endpoint.memoryBudget();
    }

    @Override
    public Segment txSegment()
    {
        return endpoint.txSegment();
    }

    @Override
    public ConnectionObserver observer()
    {
        return observer;
    }

    @Override
    public int pathCeilingBytes(final InetSocketAddress remote)
    {
        final int bytes = pathCeiling == null ? endpoint.config().maxDatagramBytes() : pathCeiling.applyAsInt(remote);
        return Math.max(SegmentCodec.HEADER_BYTES + SegmentCodec.MAX_OPTION_BYTES + 1,
            Math.min(bytes, endpoint.config().maxDatagramBytes()));
    }
}
