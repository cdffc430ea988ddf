package io.rudp.core.connection;

import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.congestion.CongestionControl;
import io.rudp.core.congestion.Pacer;
import io.rudp.core.recovery.RecoveryPath;

/**
 * What a connection knows of the path to its peer: round-trip times, the congestion controller and
 * its pacer, the path MTU and the segment size that follows from it and from the peer's MSS. A
 * move to a new IP address starts all but the RTT estimator over (RFC 9000 §9.4).
 */
final class NetworkPath implements RecoveryPath
{
    /** RFC 9293 §3.7.1: the MSS to assume when the peer's SYN has no MSS option. */
    static final int DEFAULT_PEER_MSS = 536;
    /** RTT floor for the window-derived pacing rate (a 0 ms sample on a local path must not divide by 0). */
    static final long MIN_PACING_RTT_NS = 100_000L;

    private final RudpConfig config;
    private final NegotiatedOptions options;
    private final RttEstimator rtt;
    private CongestionControl congestion;
    private Pacer pacer;
    /** Path MTU discovery: the largest datagram the path carries, and the search for a larger one. */
    private PathMtu mtu;
    /** Data bytes in a full-sized segment after header and fixed options. */
    private int mssDataBytes;
    /** The MSS the peer announced (what it accepts), or {@link #DEFAULT_PEER_MSS}. */
    private int peerMssBytes = DEFAULT_PEER_MSS;
    /** While a path-MTU probe is being written, its size (the datagram may use all of it); else 0. */
    private int probeDatagramBytes;

    /**
     * @param ceilingBytes the largest datagram the interface toward the peer takes
     */
    NetworkPath(final RudpConfig config, final NegotiatedOptions options, final int ceilingBytes)
    {
        this.config = config;
        this.options = options;
        this.rtt = new RttEstimator(config.initialRtoNs(), config.minRtoNs(), config.maxRtoNs());
        this.mtu = newPathMtu(ceilingBytes);
    }

    private PathMtu newPathMtu(final int ceilingBytes)
    {
        return new PathMtu(config.pathMtuDiscovery(), config.basePlpmtuBytes(), ceilingBytes);
    }

    RttEstimator rtt()
    {
        return rtt;
    }

    @Override
    public long srttNs()
    {
        return rtt.srttNs();
    }

    @Override
    public long minRttNs()
    {
        return rtt.minRttNs();
    }

    /** {@return the congestion controller, null before the segment size is known} */
    @Override
    public CongestionControl congestion()
    {
        return congestion;
    }

    Pacer pacer()
    {
        return pacer;
    }

    PathMtu mtu()
    {
        return mtu;
    }

    int mssDataBytes()
    {
        return mssDataBytes;
    }

    int peerMssBytes()
    {
        return peerMssBytes;
    }

    /** Opening actively: segments sized to the path (the peer's MSS is not known yet), and a controller for them. */
    void startActive()
    {
        mssDataBytes = dataBytesPerSegment(mtu.currentBytes());
        startCongestionControl();
    }

    /** The peer's SYN told its MSS (or had none: {@link #DEFAULT_PEER_MSS}); a controller for the size that follows. */
    void startWithPeerMss(final int bytes)
    {
        peerMss(bytes);
        startCongestionControl();
    }

    /** The peer moved to a new IP address: path MTU discovery and congestion control start over toward it. */
    void moveToNewPath(final int ceilingBytes)
    {
        mtu = newPathMtu(ceilingBytes);
        startWithPeerMss(peerMssBytes);
    }

    private void startCongestionControl()
    {
        congestion = config.congestionControl().create(mssDataBytes);
        pacer = new Pacer(mssDataBytes);
    }

    /** The peer's MSS, from its SYN: it bounds the datagrams path MTU discovery may try. */
    private void peerMss(final int bytes)
    {
        peerMssBytes = bytes;
        mtu.limitCeiling(bytes + SegmentCodec.HEADER_BYTES);
        mssDataBytes = dataBytesPerSegment(mtu.currentBytes());
    }

    /** Data bytes in a segment of {@code datagramBytes}, after the header and the options every segment carries. */
    int dataBytesPerSegment(final int datagramBytes)
    {
        final int segmentBytes = Math.min(peerMssBytes + SegmentCodec.HEADER_BYTES, datagramBytes);
        return Math.max(1, segmentBytes - SegmentCodec.HEADER_BYTES - options.fixedOptionBytes());
    }

    /**
     * The PLPMTU may have changed: the segment size follows it, and with it the controller's and the
     * pacer's idea of a segment.
     *
     * @return true if the segment size changed (loss recovery must follow too)
     */
    boolean segmentSizeChanged()
    {
        final int mss = dataBytesPerSegment(mtu.currentBytes());
        if (mss == mssDataBytes)
        {
            return false;
        }
        mssDataBytes = mss;
        congestion.onSegmentSizeChanged(mss);
        pacer.segmentBytes(mss);
        return true;
    }

    /** A path-MTU probe of {@code datagramBytes} is being written (0: it is done). */
    void probing(final int datagramBytes)
    {
        probeDatagramBytes = datagramBytes;
    }

    /** {@return the largest datagram the segment being written may fill: the probe's size, or the PLPMTU} */
    int datagramBytesInForce()
    {
        return probeDatagramBytes > 0 ? probeDatagramBytes : mtu.currentBytes();
    }

    /**
     * The pacing rate: the controller's own (BBR), or for window-based control the window per RTT,
     * doubled in slow start and 1.2 times after it, as Linux does, so pacing smooths bursts without
     * holding the window back. The RTT is the minimum seen rather than Linux's smoothed one: samples
     * inflated by queueing or reordering would otherwise make pacing, not the window, the limit.
     * 0 (unpaced) before the first RTT sample, and when pacing is off. Bytes are data bytes, the
     * unit the controllers estimate bandwidth in.
     *
     * @return bytes per second, 0 when unpaced
     */
    long pacingRateBytesPerSecond()
    {
        if (!config.pacing())
        {
            return 0;
        }
        final long rate = congestion.pacingRateBytesPerSecond();
        if (rate > 0)
        {
            return rate;
        }
        final long minRttNs = rtt.minRttNs();
        if (minRttNs < 0)
        {
            return 0;
        }
        final double gain = congestion.inSlowStart() ? 2.0 : 1.2;
        return (long)(gain * congestion.cwndBytes() * 1e9 / Math.max(minRttNs, MIN_PACING_RTT_NS));
    }
}
