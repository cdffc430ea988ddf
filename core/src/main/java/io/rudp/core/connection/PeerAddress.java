package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where the peer is: its UDP address and the rudp ports, where each segment goes, and NAT rebinding.
 * The address moves only to one that proved it is the peer's by answering a path challenge
 * ({@link PathValidation}); nothing from an unvalidated address is otherwise processed.
 */
final class PeerAddress
{
    private final ConnectionHost host;
    private final ConnectionParts parts;
    private final int localPort;
    private final int remotePort;
    private final PathValidation validation;
    private InetSocketAddress remote;
    /** The segment the connection last wrote is a path challenge, to {@link #challengeTo}; else it goes to the peer. */
    private boolean challengeWritten;
    private InetSocketAddress challengeTo;

    PeerAddress(final ConnectionHost host, final ConnectionParts parts, final InetSocketAddress remote,
        final int localPort, final int remotePort, final int iss)
    {
        this.host = host;
        this.parts = parts;
        this.remote = remote;
        this.localPort = localPort;
        this.remotePort = remotePort;
        this.validation = new PathValidation(parts.config.synCookieKey0() ^ iss,
            parts.config.synCookieKey1() ^ ((long)localPort << 16 | remotePort));
    }

    InetSocketAddress remote()
    {
        return remote;
    }

    int localPort()
    {
        return localPort;
    }

    int remotePort()
    {
        return remotePort;
    }

    /** Sends the peer a RST (or RST+ACK) outside the connection's own output. */
    void sendReset(final int seq, final int ack, final int flags)
    {
        host.sendReset(remote, localPort, remotePort, seq, ack, flags);
    }

    /** A segment is about to be written: it goes to the peer unless it turns out to be a path challenge. */
    void aimAtPeer()
    {
        challengeWritten = false;
    }

    /** {@return where the segment just written is to be sent} */
    InetSocketAddress transmitAddress()
    {
        return challengeWritten ? challengeTo : remote;
    }

    /** {@return whether a path challenge is waiting to be sent} */
    boolean challengeDue()
    {
        return validation.due();
    }

    /** Writes a path challenge to the address being validated, and aims the datagram there. */
    int writeChallenge(final long nowNs, final ByteBuffer dst, final int offset)
    {
        challengeTo = validation.dueTo();
        challengeWritten = true;
        final int length = parts.writer.writeChallenge(dst, offset, validation.dueToken());
        validation.onChallengeSent(nowNs);
        parts.counters.pathChallenges++;
        return length;
    }

    /**
     * A segment with this connection's ports came from {@code from}, which is not its address: a
     * NAT may have given the peer a new port (or address). If it is plausible (its ACK and sequence
     * numbers fit this connection, which a blind spoofer cannot manage), the address is challenged;
     * if it answers a challenge, the connection moves there and the caller processes the segment.
     *
     * @return true if the connection moved to {@code from}
     */
    boolean onSegmentFrom(final long nowNs, final Segment seg, final InetSocketAddress from, final int datagramBytes,
        final ConnectionState state)
    {
        if (!parts.options.timestamps() || !state.isSynchronized() || state == ConnectionState.TIME_WAIT
            || seg.has(TcpFlags.SYN) || seg.has(TcpFlags.RST) || !seg.has(TcpFlags.ACK) || !plausible(seg))
        {
            return false;
        }
        final int tsNowMs = parts.options.tsNowMs(nowNs);
        if (validation.answers(from, seg.hasTimestamps, seg.tsEcr, tsNowMs))
        {
            moveTo(from);
            return true;
        }
        // Its answer is due within a round trip (two, to allow for queueing).
        final long srttNs = parts.path.rtt().srttNs();
        final long answerDueNs = srttNs > 0 ? Math.max(2 * srttNs, 10_000_000L) : 200_000_000L;
        validation.onSegmentFrom(nowNs, from, datagramBytes, tsNowMs, answerDueNs);
        return false;
    }

    /** ACK within what was sent (and not older than a window), sequence near RCV.NXT ({@link ReceiveSide#plausible}). */
    private boolean plausible(final Segment seg)
    {
        return parts.snd.ackPlausible(seg.ack) && parts.rcv.plausible(seg.seq, parts.path.mssDataBytes());
    }

    /**
     * The peer proved it receives at {@code to}: the connection moves there. A new port at the same
     * IP address is the same path (a NAT rebinding) and keeps its congestion state; a new IP address
     * may be a different path, so congestion control and path MTU discovery start over (RFC 9000 §9.4).
     */
    private void moveTo(final InetSocketAddress to)
    {
        final boolean newPath = !to.getAddress().equals(remote.getAddress());
        remote = to;
        validation.clear();
        parts.counters.pathMigrations++;
        if (newPath)
        {
            parts.path.moveToNewPath(host.pathCeilingBytes(to));
            parts.recovery.configure(parts.options.sack(), parts.path.mssDataBytes());
        }
    }
}
