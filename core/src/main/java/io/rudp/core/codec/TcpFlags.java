package io.rudp.core.codec;

/**
 * TCP control bits as they appear in byte 13 of the header (RFC 9293 §3.1).
 *
 * <p>rudp sends only SYN, ACK, FIN, RST and PSH. URG, ECE and CWR are never sent and a segment that
 * carries them is rejected by the decoder (NIO cannot read ECN marks, and urgent data is obsolete).
 */
public final class TcpFlags
{
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    /** Bits a received segment may carry; anything else is {@link DropReason#UNSUPPORTED_FLAGS}. */
    public static final int SUPPORTED = FIN | SYN | RST | PSH | ACK;

    private TcpFlags()
    {
    }

    public static boolean has(final int flags, final int bit)
    {
        return (flags & bit) != 0;
    }

    /**
     * Renders flags the way packetdrill and tcpdump do: {@code S}, {@code S.}, {@code P.}, {@code F.},
     * {@code R}, {@code .} (a lone ACK).
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
