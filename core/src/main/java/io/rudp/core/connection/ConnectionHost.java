package io.rudp.core.connection;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;

import java.net.InetSocketAddress;

/**
 * What a {@link Connection} needs from the {@link Endpoint} that owns it. An interface, so that the
 * connection's dependencies on its owner are visible in one place.
 */
interface ConnectionHost
{
    /** Something about the connection changed: it may have output to send or a new deadline. */
    void changed(Connection connection);

    void queueEvent(Event event);

    /** The connection reached CLOSED: release everything the endpoint holds for it. */
    void released(Connection connection);

    /** The connection left SYN-RECEIVED (either way): one fewer half-open connection. */
    void halfOpenEnded(Connection connection);

    /** Queues a RST that does not depend on connection state (sent even after the connection is gone). */
    void sendReset(InetSocketAddress remote, int localPort, int remotePort, int seq, int ack, int flags);


    /** A segment was dropped (counted by the endpoint, and reported as what became of its datagram). */
    void dropped(DropReason reason);

    SegmentCodec codec();

    /** The budget the connection's buffers are paid from. */
    io.rudp.core.buffer.MemoryBudget memoryBudget();

    /** A scratch segment for building output; valid until the next transmit call. */
    Segment txSegment();

    /** Who is told of timeouts, recovery episodes and congestion states. */
    ConnectionObserver observer();

    /** The largest datagram the local interface toward {@code remote} carries (path MTU discovery's ceiling). */
    int pathCeilingBytes(InetSocketAddress remote);
}
