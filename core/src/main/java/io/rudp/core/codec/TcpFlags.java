package io.rudp.core.codec;

/**
 * TCP control bits as they appear in byte 13 of the header (RFC 9293 §3.1).
 *
 * <p>rudp sends only SYN, ACK, FIN, RST and PSH. URG, ECE and CWR are never sent and a segment that
 * carries them is rejected by the decoder (NIO cannot read ECN marks, and urgent data is obsolete).
 */
public final class TcpFlags
{
    /** No more data from the sender. */
    public static final int FIN = 0x01;
    /** Synchronize sequence numbers. */
    public static final int SYN = 0x02;
    /** Reset the connection. */
    public static final int RST = 0x04;
    /** Push function. */
    public static final int PSH = 0x08;
    /** The acknowledgment field is significant. */
    public static final int ACK = 0x10;
    /** The urgent pointer is significant (rudp rejects it). */
    public static final int URG = 0x20;
    /** ECN echo (RFC 3168; unused). */
    public static final int ECE = 0x40;
    /** Congestion window reduced (RFC 3168; unused). */
    public static final int CWR = 0x80;

    /** Bits a received segment may carry; anything else is {@link DropReason#UNSUPPORTED_FLAGS}. */
    public static final int SUPPORTED = FIN | SYN | RST | PSH | ACK;

    private TcpFlags()
    {
    }

    /**
     * Whether a flag is set.
     *
     * @param flags the flag bits
     * @param bit one flag
     * @return whether it is set
     */
    public static boolean has(final int flags, final int bit)
    {
        return (flags & bit) != 0;
    }

    /**
     * Renders flags the way packetdrill and tcpdump do: {@code S}, {@code S.}, {@code P.}, {@code F.},
     * {@code R}, {@code .} (a lone ACK).
     *
     * @param flags the flag bits
     * @return e.g. {@code S.} for SYN+ACK
     */
    public static String toShortString(final int flags)
    {
        final StringBuilder sb = new StringBuilder(4);
        if (has(flags, SYN))
        {
            sb.append('S');
        }
        if (has(flags, FIN))
        {
            sb.append('F');
        }
        if (has(flags, RST))
        {
            sb.append('R');
        }
        if (has(flags, PSH))
        {
            sb.append('P');
        }
        if (has(flags, ACK))
        {
            sb.append('.');
        }
        return sb.toString();
    }
}
