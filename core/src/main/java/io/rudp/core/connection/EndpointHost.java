package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.config.RudpConfig;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
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
    private final RudpConfig config;
    private final ConnectionTable connections;
    private final ConnectionScheduler scheduler;
    private final ArrayDeque<Event> eventQueue;
    private final StatelessReplies resets;
    private final MemoryBudget memoryBudget;
    private final SegmentCodec codec = new SegmentCodec();
    /** The one segment every connection writes its output through (the endpoint traces it). */
    private final Segment txSegment = new Segment();
    private ConnectionObserver observer = ConnectionObserver.NONE;
    private ToIntFunction<InetSocketAddress> pathCeiling;

    /** @param endpoint whose drop count a connection's drops go to */
    EndpointHost(final Endpoint endpoint, final RudpConfig config, final ConnectionTable connections,
        final ConnectionScheduler scheduler, final ArrayDeque<Event> eventQueue, final StatelessReplies resets,
        final MemoryBudget memoryBudget)
    {
        this.endpoint = endpoint;
        this.config = config;
        this.connections = connections;
        this.scheduler = scheduler;
        this.eventQueue = eventQueue;
        this.resets = resets;
        this.memoryBudget = memoryBudget;
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
        scheduler.changed(connection);
    }

    @Override
    public void queueEvent(final Event event)
    {
        eventQueue.addLast(event);
    }

    @Override
    public void released(final Connection connection)
    {
        connection.endpointSide().releaseMemory();
        connections.remove(connection);
        scheduler.remove(connection);
    }

    @Override
    public void halfOpenEnded(final Connection connection)
    {
        connections.halfOpenEnded();
    }

    @Override
    public void sendReset(final InetSocketAddress remote, final int localPort, final int remotePort, final int seq,
        final int ack, final int flags)
    {
        resets.offer(remote, localPort, remotePort, seq, ack, flags);
    }

    @Override
    public void dropped(final DropReason reason)
    {
        endpoint.drop(reason);
    }

    @Override
    public SegmentCodec codec()
    {
        return codec;
    }

    @Override
    public MemoryBudget memoryBudget()
    {
        return memoryBudget;
    }

    @Override
    public Segment txSegment()
    {
        return txSegment;
    }

    @Override
    public ConnectionObserver observer()
    {
        return observer;
    }

    @Override
    public int pathCeilingBytes(final InetSocketAddress remote)
    {
        final int bytes = pathCeiling == null ? config.maxDatagramBytes() : pathCeiling.applyAsInt(remote);
        return Math.max(SegmentCodec.HEADER_BYTES + SegmentCodec.MAX_OPTION_BYTES + 1,
            Math.min(bytes, config.maxDatagramBytes()));
    }
}
