package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.isn.SynCookies;

import java.net.InetSocketAddress;

/**
 * The stateless half of the handshake, once the half-open table is full: a SYN is answered with a
 * SYN+ACK whose ISN is a SYN cookie (RFC 4987), and an ACK for no connection may bring one back. It
 * offers what a SYN+ACK from the table would; when the peer uses timestamps, the options that need
 * state (its window scale, SACK-permitted) ride in the low bits of our TSval, which its ACK echoes
 * ({@link SynCookieOptions}, as Linux does). Without timestamps the connection goes without them.
 * Without a secret there are no cookies at all: a forgeable cookie is worse than a dropped SYN.
 */
final class SynCookieResponder
{
    /** Cookies are valid for their 64 s slot and the next one. */
    private static final long CHECK_WINDOW_NS = 128_000_000_000L;

    private final RudpConfig config;
    private final SynCookies cookies;
    /** When the last cookie went out: ACKs are checked for cookies only for two slots after. */
    private long lastSentNs;
    private boolean sentAny;
    private long sent;
    private long accepted;

    SynCookieResponder(final RudpConfig config)
    {
        this.config = config;
        this.cookies = config.synCookieSecretMissing() ? null : new SynCookies(config.synCookieKey0(), config.synCookieKey1());
    }

    /** Whether cookies can be issued (the configuration has a cookie secret). */
    boolean enabled()
    {
        return cookies != null;
    }

    /** The window a cookie's SYN+ACK offers, and its connection starts from (unscaled: a SYN's window). */
    int initialWindowBytes()
    {
        return Math.min(Math.min(config.receiveBufferBytes(), ReceiveAutotuning.INITIAL_BUFFER_BYTES), 0xFFFF);
    }

    /** Queues the stateless SYN+ACK answering {@code syn}. */
    void answer(final long nowNs, final Segment syn, final InetSocketAddress remote, final StatelessReplies replies)
    {
        final int peerMss = syn.mss >= 0 ? syn.mss : NetworkPath.DEFAULT_PEER_MSS;
        final int cookie = cookies.cookie(nowNs, syn.dstPort, remote, syn.srcPort, syn.seq, peerMss);
        final boolean timestamps = config.timestamps() && syn.hasTimestamps;
        final int ourShift = NegotiatedOptions.offeredWindowShift(config);
        final int windowScale = ourShift >= 0 && syn.windowScale >= 0 && timestamps ? ourShift : -1;
        final boolean sack = config.sack() && syn.sackPermitted && timestamps;
        final int tsVal = timestamps
            ? SynCookieOptions.encode(NegotiatedOptions.timestampAt(nowNs, cookie), syn.windowScale, syn.sackPermitted) : 0;
        if (replies.offerSynAck(remote, syn.dstPort, syn.srcPort, cookie, syn.seq + 1, TcpFlags.SYN | TcpFlags.ACK,
            initialWindowBytes(), config.advertisedMss(), windowScale, sack, timestamps, tsVal, syn.tsVal))
        {
            sent++;
            lastSentNs = nowNs;
            sentAny = true;
        }
    }

    /**
     * For an ACK that matches no connection: the peer's MSS its cookie carries, or -1 if it returns
     * no valid cookie (or none can be outstanding: none was sent in the last two slots).
     */
    int validate(final long nowNs, final Segment ack, final InetSocketAddress remote)
    {
        if (cookies == null || !sentAny || nowNs - lastSentNs >= CHECK_WINDOW_NS)
        {
            return -1;
        }
        return cookies.validate(nowNs, ack.dstPort, remote, ack.srcPort, ack.seq - 1, ack.ack - 1);
    }

    /** Opens {@code connection} from the cookie {@code ack} returned, with the options its TSval echo carries. */
    void open(final Connection connection, final Segment ack, final int peerMss)
    {
        final boolean echoed = config.timestamps() && ack.hasTimestamps;
        final int peerWindowScale = echoed ? SynCookieOptions.windowScale(ack.tsEcr) : -1;
        final boolean peerSack = echoed && SynCookieOptions.sackPermitted(ack.tsEcr);
        connection.endpointSide().openFromSynCookie(ack.seq - 1, peerMss, initialWindowBytes(), peerWindowScale, peerSack, ack);
        accepted++;
    }

    long sent()
    {
        return sent;
    }

    long accepted()
    {
        return accepted;
    }
}
