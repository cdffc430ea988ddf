package io.rudp.core.codec;

/**
 * Why a received datagram was dropped. Every drop is counted per reason (see
 * {@link io.rudp.core.stats.DropCounters}); none of them raises an exception.
 *
 * <p>The first group is decided by the decoder alone (malformed input); the second by the engine
 * (well-formed segments that no connection may accept).
 */
public enum DropReason
{
    /** Shorter than the 20-byte fixed header. */
    TOO_SHORT,
    /** Larger than the configured maximum datagram size. */
    TOO_LARGE,
    /** Data offset below 5 words or past the end of the datagram. */
    BAD_DATA_OFFSET,
    /** One of the four reserved header bits is set. */
    RESERVED_BITS,
    /** URG, ECE or CWR set: rudp never sends them. */
    UNSUPPORTED_FLAGS,
    /** Non-zero urgent pointer. */
    URGENT_POINTER,
    /** Source or destination port 0. */
    BAD_PORT,
    /** An option length below 2, or the wrong length for a known option kind. */
    BAD_OPTION_LENGTH,
    /** An option (or its length byte) runs past the end of the header. */
    OPTION_PAST_END,
    /** No CRC32C option. */
    MISSING_CRC,
    /** CRC32C does not match the segment. */
    BAD_CRC,
    /** SYN and FIN together, or SYN and RST together: no valid TCP sends these. */
    BAD_FLAG_COMBINATION,

    /** No connection and no listener; answered with a RST unless it was one. */
    NO_CONNECTION,
    /** Sequence number outside the receive window (answered with an ACK). */
    OUT_OF_WINDOW,
    /** RST outside the window, or in-window but not exact (answered with a challenge ACK). */
    BAD_RST,
    /** ACK field outside what was sent (answered with an ACK). */
    BAD_ACK,
    /** SYN on an established (or later) connection (answered with a challenge ACK). */
    UNEXPECTED_SYN,
    /** Timestamp older than the last one seen (PAWS, RFC 7323 §5). */
    PAWS,
    /** The half-open (SYN-RECEIVED) table or the connection table is full. */
    TABLE_FULL,
    /** A segment without ACK on an established (or later) connection. */
    NO_ACK,
    /** Received data that did not fit the receive buffer (out-of-order storage or the memory budget exhausted). */
    NO_BUFFER_SPACE,
    /** A new connection refused because the memory budget is under pressure. */
    MEMORY_PRESSURE,
    /**
     * A segment with a connection's ports from an address that connection does not have (yet): a
     * NAT rebinding being validated, or a spoofer. Never answered with a RST.
     */
    UNVALIDATED_ADDRESS;

    private static final DropReason[] VALUES = values();

    /**
     * The reason with {@code ordinal}, without the array copy {@code values()} makes.
     *
     * @param ordinal the reason's ordinal
     * @return the reason
     */
    public static DropReason of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * {@return how many reasons there are}
     */
    public static int count()
    {
        return VALUES.length;
    }
}
