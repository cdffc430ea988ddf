package io.rudp.core.connection;

import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The segment size from the path MTU and the peer's MSS, the pacing rate, and a move to a new path. */
class NetworkPathTest
{
    private static final long MS = 1_000_000L;
    private static final int CRC_AND_TIMESTAMPS = SegmentCodec.CRC_OPTION_BYTES + SegmentCodec.TIMESTAMP_OPTION_BYTES;

    private static NetworkPath path(final RudpConfig config, final int ceilingBytes)
    {
        final NegotiatedOptions options = new NegotiatedOptions(config, 0);
        options.negotiate(-1, true, true, 0);
        return new NetworkPath(config, options, ceilingBytes);
    }

    @Test
    void theSegmentIsTheSmallerOfThePathAndThePeersMssLessHeaderAndOptions()
    {
        final NetworkPath path = path(RudpConfig.builder().pathMtuDiscovery(false).build(), 1400);
        path.startWithPeerMss(9000);
        assertEquals(1400 - SegmentCodec.HEADER_BYTES - CRC_AND_TIMESTAMPS, path.mssDataBytes());
        final NetworkPath small = path(RudpConfig.builder().pathMtuDiscovery(false).build(), 1400);
        small.startWithPeerMss(NetworkPath.DEFAULT_PEER_MSS);
        assertEquals(NetworkPath.DEFAULT_PEER_MSS - CRC_AND_TIMESTAMPS, small.mssDataBytes(),
            "RFC 9293 §3.7.1: 536 bytes when the SYN names no MSS");
        assertEquals(path.mssDataBytes(), path.congestion().cwndBytes() / 10, "the controller counts in that segment (IW10)");
    }

    @Test
    void windowBasedPacingRunsAtTwiceTheWindowPerRttInSlowStart()
    {
        final NetworkPath path = path(RudpConfig.builder().congestionControl("cubic").build(), 1500);
        path.startActive();
        assertEquals(0, path.pacingRateBytesPerSecond(), "unpaced before the first RTT sample");
        path.rtt().onSample(10 * MS);
        assertEquals((long)(2.0 * path.congestion().cwndBytes() * 1e9 / (10 * MS)), path.pacingRateBytesPerSecond());
        final NetworkPath unpaced = path(RudpConfig.builder().pacing(false).build(), 1500);
        unpaced.startActive();
        unpaced.rtt().onSample(10 * MS);
        assertEquals(0, unpaced.pacingRateBytesPerSecond(), "pacing off");
    }

    @Test
    void aNewPathStartsCongestionControlOverButKeepsTheRttEstimator()
    {
        final NetworkPath path = path(RudpConfig.defaults(), 1500);
        path.startWithPeerMss(1460);
        path.rtt().onSample(30 * MS);
        final Object before = path.congestion();
        final RttEstimator rtt = path.rtt();
        path.moveToNewPath(1500);
        assertNotSame(before, path.congestion());
        assertSame(rtt, path.rtt());
        assertEquals(1460, path.peerMssBytes(), "the peer's MSS still bounds the new path");
    }

    @Test
    void aProbeMayFillItsOwnSizeWhileItIsWritten()
    {
        final NetworkPath path = path(RudpConfig.defaults(), 9000);
        path.startWithPeerMss(8960);
        final int plpmtu = path.datagramBytesInForce();
        path.probing(4000);
        assertEquals(4000, path.datagramBytesInForce());
        path.probing(0);
        assertEquals(plpmtu, path.datagramBytesInForce());
        assertTrue(plpmtu < 4000, "discovery starts at the base");
    }
}
