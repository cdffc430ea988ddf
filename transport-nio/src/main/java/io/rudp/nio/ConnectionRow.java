package io.rudp.nio;

import io.rudp.core.connection.Connection;
import io.rudp.core.stats.ConnectionCounters;

import javax.management.openmbean.CompositeData;

/**
 * One connection in {@link RudpSocketMXBean#getConnections()}: a snapshot, with getters so that JMX
 * shows it as a composite (state, peer, RTT, window, in flight, retransmits, drops, buffers).
 */
public final class ConnectionRow
{
    private final String state;
    private final int localPort;
    private final String peer;
    private final long srttMicros;
    private final long rtoMillis;
    private final long cwndBytes;
    private final long bytesInFlight;
    private final long pacingRateBytesPerSecond;
    private final int pathMtuBytes;
    private final long bytesSent;
    private final long bytesReceived;
    private final long retransmits;
    private final long drops;
    private final long bufferBytes;

    /**
     * A row; see the getters for each value.
     *
     * @param state the RFC 9293 state
     * @param localPort this side's rudp port
     * @param peer {@code address:udpPort/rudpPort}
     * @param srttMicros smoothed RTT in microseconds, -1 before a sample
     * @param rtoMillis the retransmission timeout in milliseconds
     * @param cwndBytes the congestion window
     * @param bytesInFlight bytes sent and not yet acknowledged
     * @param pacingRateBytesPerSecond the pacing rate, 0 when unpaced
     * @param pathMtuBytes the largest datagram sent now
     * @param bytesSent data bytes sent
     * @param bytesReceived data bytes received in order
     * @param retransmits data segments sent again
     * @param drops segments dropped
     * @param bufferBytes buffer bytes held
     */
    public ConnectionRow(final String state, final int localPort, final String peer, final long srttMicros,
        final long rtoMillis, final long cwndBytes, final long bytesInFlight, final long pacingRateBytesPerSecond,
        final int pathMtuBytes, final long bytesSent, final long bytesReceived, final long retransmits, final long drops,
        final long bufferBytes)
    {
        this.state = state;
        this.localPort = localPort;
        this.peer = peer;
        this.srttMicros = srttMicros;
        this.rtoMillis = rtoMillis;
        this.cwndBytes = cwndBytes;
        this.bytesInFlight = bytesInFlight;
        this.pacingRateBytesPerSecond = pacingRateBytesPerSecond;
        this.pathMtuBytes = pathMtuBytes;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
        this.retransmits = retransmits;
        this.drops = drops;
        this.bufferBytes = bufferBytes;
    }

    /**
     * Rebuilds a row from what JMX sent (the MXBean rule for a type with a static {@code from}): a
     * client's proxy gets rows, not composites. This, rather than {@code @ConstructorProperties},
     * keeps the module from needing {@code java.desktop}.
     *
     * @param data the composite, with an item per getter
     * @return the row
     */
    public static ConnectionRow from(final CompositeData data)
    {
        return new ConnectionRow((String)data.get("state"), (Integer)data.get("localPort"), (String)data.get("peer"),
            (Long)data.get("srttMicros"), (Long)data.get("rtoMillis"), (Long)data.get("cwndBytes"),
            (Long)data.get("bytesInFlight"), (Long)data.get("pacingRateBytesPerSecond"),
            (Integer)data.get("pathMtuBytes"), (Long)data.get("bytesSent"), (Long)data.get("bytesReceived"),
            (Long)data.get("retransmits"), (Long)data.get("drops"), (Long)data.get("bufferBytes"));
    }

    static ConnectionRow of(final Connection c)
    {
        final ConnectionCounters k = c.counters();
        return new ConnectionRow(c.state().name(), c.localPort(),
            c.remoteAddress().getAddress().getHostAddress() + ':' + c.remoteAddress().getPort() + '/' + c.remotePort(),
            c.srttNs() < 0 ? -1 : c.srttNs() / 1_000, c.rtoNs() / 1_000_000, c.cwndBytes(), c.bytesInFlight(),
            c.pacingRateBytesPerSecond(), c.pathMtuBytes(), k.bytesSent, k.bytesReceived, k.retransmittedSegments,
            k.drops.total(), c.allocatedBufferBytes());
    }

    /** {@return the RFC 9293 state, e.g. {@code ESTABLISHED}} */
    public String getState()
    {
        return state;
    }

    /** {@return this side's rudp port} */
    public int getLocalPort()
    {
        return localPort;
    }

    /** {@return the peer: {@code address:udpPort/rudpPort}} */
    public String getPeer()
    {
        return peer;
    }

    /** {@return smoothed RTT in microseconds, -1 before the first sample} */
    public long getSrttMicros()
    {
        return srttMicros;
    }

    /** {@return the retransmission timeout in milliseconds} */
    public long getRtoMillis()
    {
        return rtoMillis;
    }

    /** {@return the congestion window in bytes} */
    public long getCwndBytes()
    {
        return cwndBytes;
    }

    /** {@return bytes sent and not yet acknowledged} */
    public long getBytesInFlight()
    {
        return bytesInFlight;
    }

    /** {@return the pacing rate in bytes per second, 0 when unpaced} */
    public long getPacingRateBytesPerSecond()
    {
        return pacingRateBytesPerSecond;
    }

    /** {@return the largest datagram the connection sends now (path MTU discovery)} */
    public int getPathMtuBytes()
    {
        return pathMtuBytes;
    }

    /** {@return data bytes sent, retransmissions included} */
    public long getBytesSent()
    {
        return bytesSent;
    }

    /** {@return data bytes received in order} */
    public long getBytesReceived()
    {
        return bytesReceived;
    }

    /** {@return data segments sent more than once} */
    public long getRetransmits()
    {
        return retransmits;
    }

    /** {@return segments this connection dropped, all reasons} */
    public long getDrops()
    {
        return drops;
    }

    /** {@return send and receive buffer bytes the connection holds} */
    public long getBufferBytes()
    {
        return bufferBytes;
    }

    /** The row as one {@code ss -ti}-like line. */
    @Override
    public String toString()
    {
        return String.format("%-11s %5d -> %-28s rtt:%s rto:%d cwnd:%d inflight:%d pacing:%.1fMbit/s pmtu:%d"
                + " sent:%d rcvd:%d retrans:%d drops:%d buf:%d", state, localPort, peer,
            srttMicros < 0 ? "-" : String.format("%.3fms", srttMicros / 1000.0), rtoMillis, cwndBytes, bytesInFlight,
            pacingRateBytesPerSecond * 8 / 1e6, pathMtuBytes, bytesSent, bytesReceived, retransmits, drops, bufferBytes);
    }
}
