package io.rudp.core.connection;

import io.rudp.core.codec.SeqNum;

/**
 * The options a SYN cookie cannot hold in its 32 bits, carried in the low bits of the SYN+ACK's
 * TSval instead (Linux's {@code cookie_init_timestamp}): the peer echoes the TSval in its ACK, and
 * the connection made from the cookie gets the same window scaling and SACK as one from the table.
 * <pre>
 *   TSval low 5 bits: [ SACK-permitted : 1 ][ peer's window scale : 4 ]   (scale 15 = none offered)
 * </pre>
 * The TSval is the connection's own timestamp clock with those bits replaced, moved back 32 ms when
 * that would put it ahead of the clock, so the connection's later TSvals never go backwards.
 */
final class SynCookieOptions
{
    static final int BITS = 5;
    static final int MASK = (1 << BITS) - 1;
    private static final int NO_WINDOW_SCALE = 0xF;
    private static final int SACK_BIT = 0x10;
    /** RFC 7323 §2.3: a shift above 14 is used as 14. */
    private static final int MAX_WINDOW_SHIFT = 14;

    private SynCookieOptions()
    {
    }

    /** The TSval to send: {@code clockTsVal} with the peer's options in its low bits, never ahead of it. */
    static int encode(final int clockTsVal, final int peerWindowScale, final boolean peerSackPermitted)
    {
        final int scale = peerWindowScale < 0 ? NO_WINDOW_SCALE : Math.min(peerWindowScale, MAX_WINDOW_SHIFT);
        final int options = scale | (peerSackPermitted ? SACK_BIT : 0);
        int tsVal = (clockTsVal & ~MASK) | options;
        if (SeqNum.gt(tsVal, clockTsVal))
        {
            tsVal -= MASK + 1;
        }
        return tsVal;
    }

    /** The peer's window scale a returned TSval carries, or -1 if it offered none. */
    static int windowScale(final int echoedTsVal)
    {
        final int scale = echoedTsVal & NO_WINDOW_SCALE;
        return scale == NO_WINDOW_SCALE ? -1 : scale;
    }

    static boolean sackPermitted(final int echoedTsVal)
    {
        return (echoedTsVal & SACK_BIT) != 0;
    }
}
