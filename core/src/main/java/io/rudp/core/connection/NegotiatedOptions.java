package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.config.RudpConfig;

/**
 * What the handshake agreed for the connection's life: window scaling, SACK and timestamps
 * (RFC 7323, RFC 2018), and the timestamp state that comes with them (TS.Recent, PAWS, this side's
 * timestamp clock, the TSval an ACK is to echo).
 */
final class NegotiatedOptions
{
    private static final long NS_PER_MS = 1_000_000L;
    /**
     * PAWS (RFC 7323 §5) drops a segment whose timestamp is older than TS.Recent; rudp lets it be up
     * to this much older. Otherwise a reordered segment arriving after a retransmission filled an
     * earlier hole (and so advanced TS.Recent) is thrown away and must be sent again. An old duplicate
     * from a previous wrap of the sequence space is older than this by the time it takes to send
     * 2 GiB, which is longer than 100 ms below 170 Gbit/s.
     */
    static final int PAWS_TOLERANCE_MS = 100;

    private final RudpConfig config;
    /** The shift this side offers for its receive window in a SYN, or -1 for none. */
    private final int offeredReceiveShift;
    private final int tsOffset;
    private boolean windowScaling;
    private int sendShift;
    private boolean sack;
    private boolean timestamps;
    private int tsRecent;
    /** A keepalive-shaped segment's TSval, echoed in the ACK it gets (so a path challenge is answered). */
    private int echoTsVal;
    private boolean echoPending;

    NegotiatedOptions(final RudpConfig config, final int tsOffset)
    {
        this.config = config;
        this.offeredReceiveShift = offeredWindowShift(config);
        this.tsOffset = tsOffset;
    }

    /** The window scale this configuration offers in a SYN, or -1 for none. */
    static int offeredWindowShift(final RudpConfig config)
    {
        return config.windowScaling() ? windowShiftFor(config.receiveBufferBytes()) : -1;
    }

    /** A connection's timestamp clock at {@code nowNs}: milliseconds, offset by the ISN (RFC 7323 §5.4). */
    static int timestampAt(final long nowNs, final int iss)
    {
        // floorDiv: a clock may read negative values, and TSval must still tick once per ms.
        return (int)Math.floorDiv(nowNs, NS_PER_MS) + iss;
    }

    private static int windowShiftFor(final int bufferBytes)
    {
        int shift = 0;
        while (shift < SegmentCodec.MAX_WINDOW_SCALE && (bufferBytes >> shift) > 0xFFFF)
        {
            shift++;
        }
        return shift;
    }

    /**
     * Settles the options from the peer's SYN (or what a SYN cookie kept of it).
     *
     * @param peerWindowScale the peer's shift, -1 if it offered none
     * @param peerSackPermitted whether it offered SACK
     * @param peerTimestamps whether its segment carried timestamps
     * @param peerTsVal its TSval, if so
     */
    void negotiate(final int peerWindowScale, final boolean peerSackPermitted, final boolean peerTimestamps,
        final int peerTsVal)
    {
        windowScaling = offeredReceiveShift >= 0 && peerWindowScale >= 0;
        sendShift = windowScaling ? peerWindowScale : 0;
        sack = config.sack() && peerSackPermitted;
        timestamps = config.timestamps() && peerTimestamps;
        if (timestamps)
        {
            tsRecent = peerTsVal;
        }
    }

    boolean windowScaling()
    {
        return windowScaling;
    }

    boolean sack()
    {
        return sack;
    }

    boolean timestamps()
    {
        return timestamps;
    }

    /** {@return the shift applied to the windows the peer advertises} */
    int sendShift()
    {
        return sendShift;
    }

    /** {@return the shift applied to the windows this side advertises} */
    int receiveShift()
    {
        return windowScaling ? offeredReceiveShift : 0;
    }

    /** Option bytes every segment carries: the CRC32C option, and timestamps if in use. */
    int fixedOptionBytes()
    {
        return SegmentCodec.CRC_OPTION_BYTES + (timestamps ? SegmentCodec.TIMESTAMP_OPTION_BYTES : 0);
    }

    /** {@return this side's timestamp clock at {@code nowNs}} */
    int tsNowMs(final long nowNs)
    {
        return timestampAt(nowNs, tsOffset);
    }

    /** PAWS (RFC 7323 §5), with {@link #PAWS_TOLERANCE_MS}: the segment's timestamp is too old. */
    boolean pawsRejects(final Segment seg)
    {
        return timestamps && seg.hasTimestamps && SeqNum.lt(seg.tsVal, tsRecent - PAWS_TOLERANCE_MS);
    }

    /**
     * A keepalive-shaped segment (or a path challenge, which has its shape): the ACK it gets echoes
     * its own TSval, once, so the sender can tell this answer from any other. TS.Recent is left
     * alone, as RFC 7323 asks for a segment outside the window.
     */
    void echoIfCurrent(final Segment seg)
    {
        if (timestamps && seg.hasTimestamps && SeqNum.ge(seg.tsVal, tsRecent))
        {
            echoTsVal = seg.tsVal;
            echoPending = true;
        }
    }

    /** RFC 7323 §4.3: TS.Recent follows a segment at or before the last ACK sent. */
    void updateTsRecent(final Segment seg, final int lastAckSent)
    {
        if (seg.hasTimestamps && timestamps && SeqNum.ge(seg.tsVal, tsRecent) && SeqNum.le(seg.seq, lastAckSent))
        {
            tsRecent = seg.tsVal;
        }
    }

    /**
     * Milliseconds since this side sent the timestamp the segment echoes (RFC 7323), or -1 if it
     * echoes none, or one from the future: a path challenge's TSval is ahead of the clock, and its
     * answer measures nothing.
     */
    long echoedTimestampAgeMs(final long nowNs, final Segment seg)
    {
        if (!timestamps || !seg.hasTimestamps || seg.tsEcr == 0)
        {
            return -1;
        }
        final int ageMs = tsNowMs(nowNs) - seg.tsEcr;
        return ageMs >= 0 ? ageMs : -1;
    }

    /** RFC 6191: a SYN in TIME-WAIT with timestamps starts a new incarnation if its TSval is newer. */
    boolean newerThanTsRecent(final int tsVal)
    {
        return SeqNum.gt(tsVal, tsRecent);
    }

    /**
     * Writes the options of an outgoing segment: in a SYN, what this side offers (everything it is
     * configured for when it opens, what was agreed when it answers); in every segment, timestamps
     * if in use, TSval being {@code tsVal} (the clock, or a path challenge's token).
     */
    void writeOptions(final Segment seg, final boolean syn, final boolean offerAll, final boolean ack,
        final boolean challenge, final int tsVal)
    {
        if (syn)
        {
            seg.mss = config.advertisedMss();
            if (offerAll ? offeredReceiveShift >= 0 : windowScaling)
            {
                seg.windowScale = offeredReceiveShift;
            }
            seg.sackPermitted = offerAll ? config.sack() : sack;
            seg.hasTimestamps = offerAll ? config.timestamps() : timestamps;
        }
        else
        {
            seg.hasTimestamps = timestamps;
        }
        if (seg.hasTimestamps)
        {
            seg.tsVal = tsVal;
            seg.tsEcr = !ack ? 0 : echoPending && !challenge ? echoTsVal : tsRecent;
        }
    }

    /** An ACK went out: whatever it was to echo has been echoed. */
    void onAckSent()
    {
        echoPending = false;
    }
}
