package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options a handshake settles, and the timestamp rules that come with them (RFC 7323, RFC 2018). */
class NegotiatedOptionsTest
{
    private static final long MS = 1_000_000L;

    private static Segment withTimestamp(final int seq, final int tsVal, final int tsEcr)
    {
        final Segment seg = new Segment().clear();
        seg.seq = seq;
        seg.hasTimestamps = true;
        seg.tsVal = tsVal;
        seg.tsEcr = tsEcr;
        return seg;
    }

    @Test
    void anOptionIsInUseOnlyIfBothSidesOfferIt()
    {
        final NegotiatedOptions both = new NegotiatedOptions(RudpConfig.builder().receiveBufferBytes(4 << 20).build(), 0);
        both.negotiate(7, true, true, 1000);
        assertTrue(both.windowScaling() && both.sack() && both.timestamps());
        assertEquals(7, both.sendShift());
        assertEquals(7, both.receiveShift(), "4 MiB needs a shift of 7 to fit in 16 bits");
        assertEquals(SegmentCodec.CRC_OPTION_BYTES + SegmentCodec.TIMESTAMP_OPTION_BYTES, both.fixedOptionBytes());

        final NegotiatedOptions peerOffersNothing = new NegotiatedOptions(RudpConfig.defaults(), 0);
        peerOffersNothing.negotiate(-1, false, false, 0);
        assertFalse(peerOffersNothing.windowScaling() || peerOffersNothing.sack() || peerOffersNothing.timestamps());
        assertEquals(0, peerOffersNothing.sendShift());
        assertEquals(0, peerOffersNothing.receiveShift());
        assertEquals(SegmentCodec.CRC_OPTION_BYTES, peerOffersNothing.fixedOptionBytes());

        final NegotiatedOptions weOfferNothing = new NegotiatedOptions(
            RudpConfig.builder().windowScaling(false).sack(false).timestamps(false).build(), 0);
        weOfferNothing.negotiate(7, true, true, 1000);
        assertFalse(weOfferNothing.windowScaling() || weOfferNothing.sack() || weOfferNothing.timestamps());
        assertEquals(0, weOfferNothing.sendShift(), "the peer's shift applies only if we offered one too");
    }

    @Test
    void pawsToleratesAHundredMillisecondsOfReordering()
    {
        final NegotiatedOptions options = new NegotiatedOptions(RudpConfig.defaults(), 0);
        options.negotiate(-1, true, true, 5000);
        assertFalse(options.pawsRejects(withTimestamp(0, 5000 - NegotiatedOptions.PAWS_TOLERANCE_MS, 0)));
        assertTrue(options.pawsRejects(withTimestamp(0, 5000 - NegotiatedOptions.PAWS_TOLERANCE_MS - 1, 0)));
        assertFalse(options.pawsRejects(new Segment().clear()), "a segment without timestamps is not PAWS's to judge");
    }

    @Test
    void tsRecentFollowsOnlySegmentsAtOrBeforeTheLastAckSent()
    {
        final NegotiatedOptions options = new NegotiatedOptions(RudpConfig.defaults(), 0);
        options.negotiate(-1, true, true, 100);
        options.updateTsRecent(withTimestamp(2000, 300, 0), 1000); // beyond the last ACK: not recorded
        assertTrue(options.newerThanTsRecent(101));
        options.updateTsRecent(withTimestamp(1000, 300, 0), 1000);
        assertFalse(options.newerThanTsRecent(300));
        assertTrue(options.newerThanTsRecent(301));
        options.updateTsRecent(withTimestamp(1000, 200, 0), 1000); // older: TS.Recent never goes back
        assertFalse(options.newerThanTsRecent(300));
    }

    @Test
    void anAckEchoesAKeepalivesTsValOnceThenTsRecentAgain()
    {
        final NegotiatedOptions options = new NegotiatedOptions(RudpConfig.defaults(), 0);
        options.negotiate(-1, true, true, 100);
        options.echoIfCurrent(withTimestamp(0, 4242, 0));
        final Segment ack = new Segment().clear();
        options.writeOptions(ack, false, false, true, false, 7);
        assertEquals(7, ack.tsVal);
        assertEquals(4242, ack.tsEcr);
        options.onAckSent();
        options.writeOptions(ack.clear(), false, false, true, false, 8);
        assertEquals(100, ack.tsEcr, "echoed once; TS.Recent itself was left alone");
    }

    @Test
    void theTimestampClockTicksPerMillisecondFromTheIsnWhateverTheClockOrigin()
    {
        final NegotiatedOptions options = new NegotiatedOptions(RudpConfig.defaults(), 1000);
        assertEquals(1000, options.tsNowMs(0));
        assertEquals(1001, options.tsNowMs(MS));
        assertEquals(999, options.tsNowMs(-1), "floor, not truncation, for a clock that reads negative");
        options.negotiate(-1, true, true, 0);
        assertEquals(40, options.echoedTimestampAgeMs(50 * MS, withTimestamp(0, 0, 1010)));
        assertEquals(-1, options.echoedTimestampAgeMs(50 * MS, withTimestamp(0, 0, 1100)), "a TSecr from the future measures nothing");
    }
}
