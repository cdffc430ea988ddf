package io.rudp.nio;

import io.rudp.core.codec.Segment;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.SegmentTracer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Who sees a socket's segments: the application's tracer and a pcap capture, each optional, both
 * installed in the endpoint as one tracer. Loop thread only.
 */
final class SocketTracers
{
    private final Endpoint endpoint;
    private SegmentTracer user = SegmentTracer.NONE;
    private PcapCapture capture;

    SocketTracers(final Endpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    /** Replaces the application's tracer (null: none). */
    void user(final SegmentTracer tracer)
    {
        user = tracer == null ? SegmentTracer.NONE : tracer;
        install();
    }

    /**
     * Starts a capture into {@code file}.
     *
     * @throws IllegalStateException if one is already running
     */
    PcapCapture capture(final Path file, final long maxBytes, final InetAddress local, final long nowNs)
        throws IOException
    {
        if (capture != null && !capture.isClosed())
        {
            throw new IllegalStateException("this socket is already capturing to " + capture.file());
        }
        capture = new PcapCapture(file, maxBytes, local, nowNs);
        install();
        return capture;
    }

    private void install()
    {
        final SegmentTracer application = user;
        final SegmentTracer pcap = capture == null ? null : capture.tracer();
        if (pcap == null)
        {
            endpoint.tracer(application);
            return;
        }
        endpoint.tracer(new SegmentTracer()
        {
            @Override
            public void onReceived(final long nowNs, final InetSocketAddress from, final Segment segment,
                final Connection connection)
            {
                pcap.onReceived(nowNs, from, segment, connection);
                application.onReceived(nowNs, from, segment, connection);
            }

            @Override
            public void onSent(final long nowNs, final InetSocketAddress to, final Segment segment,
                final Connection connection)
            {
                pcap.onSent(nowNs, to, segment, connection);
                application.onSent(nowNs, to, segment, connection);
            }
        });
    }
}
