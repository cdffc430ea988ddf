package io.rudp.core.connection;

import io.rudp.core.codec.Segment;

import java.net.InetSocketAddress;

/** Sees every segment an {@link Endpoint} accepts for processing and every one it sends. */
public interface SegmentTracer
{
    /**
     * A tracer that does nothing.
     */
    SegmentTracer NONE = new SegmentTracer()
    {
    };

    /**
     * A well-formed segment arrived (malformed ones are only counted).
     *
     * @param connection the connection it is for, or null if none exists (yet)
     *
     * @param nowNs the caller's clock, in nanoseconds
     * @param from who sent it
     * @param segment the segment (valid during the call only)
     */
    default void onReceived(long nowNs, InetSocketAddress from, Segment segment, Connection connection)
    {
    }

    /**
     * A segment was written for sending.
     *
     * @param connection the sending connection, or null for a RST sent without one
     *
     * @param nowNs the caller's clock, in nanoseconds
     * @param to where it goes
     * @param segment the segment (valid during the call only)
     */
    default void onSent(long nowNs, InetSocketAddress to, Segment segment, Connection connection)
    {
    }
}
