package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;

import java.net.InetSocketAddress;

/**
 * What an endpoint does with a segment no connection claims: a SYN to a listening port opens a
 * connection in SYN-RECEIVED (or, with the half-open table full, gets a SYN cookie), an ACK may
 * bring a cookie back, and anything else gets a RST (RFC 9293 §3.10.7.1), a few a second per
 * source address at most, so that spoofed junk cannot make the endpoint a reflector. New
 * connections are refused while the memory budget is under pressure, after a sweep that prunes the
 * out-of-order data of connections over their share.
 */
final class PassiveOpener
{
    private static final long PRUNE_SWEEP_INTERVAL_NS = 1_000_000_000L;

    private final RudpConfig config;
    private final ConnectionTable connections;
    private final ConnectionHost host;
    private final MemoryBudget memoryBudget;
    private final StatelessReplies resets;
    private final SynCookieResponder synCookies;
    private final ResetRateLimiter resetLimiter = new ResetRateLimiter();
    private long resetsRateLimited;
    /** When connections over their share last had their out-of-order data pruned (at most once a second). */
    private long lastPruneSweepNs;
    private boolean pruneSwept;

    PassiveOpener(final RudpConfig config, final ConnectionTable connections, final ConnectionHost host,
        final MemoryBudget memoryBudget, final StatelessReplies resets)
    {
        this.config = config;
        this.connections = connections;
        this.host = host;
        this.memoryBudget = memoryBudget;
        this.resets = resets;
        this.synCookies = new SynCookieResponder(config);
    }

    /**
     * A segment no connection claims.
     *
     * @param listening whether its destination port is listened on
     * @return why it was dropped, or null if it opened (or completed) a connection
     */
    DropReason onSegment(final long nowNs, final Segment seg, final InetSocketAddress remote, final int datagramBytes,
        final boolean listening)
    {
        if (seg.has(TcpFlags.RST))
        {
            return DropReason.NO_CONNECTION;
        }
        if (seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK) && listening)
        {
            return onSyn(nowNs, seg, remote, datagramBytes);
        }
        if (seg.has(TcpFlags.ACK) && !seg.has(TcpFlags.SYN) && listening)
        {
            final int peerMss = synCookies.validate(nowNs, seg, remote);
            if (peerMss >= 0 && connections.size() < config.maxConnections())
            {
                return acceptSynCookie(nowNs, seg, remote, peerMss);
            }
        }
        answerWithReset(nowNs, seg, remote);
        return DropReason.NO_CONNECTION;
    }

    private DropReason onSyn(final long nowNs, final Segment seg, final InetSocketAddress remote, final int datagramBytes)
    {
        if (connections.size() >= config.maxConnections())
        {
            return DropReason.TABLE_FULL;
        }
        if (memoryUnderPressure(nowNs))
        {
            return DropReason.MEMORY_PRESSURE;
        }
        if (connections.halfOpen() >= config.maxHalfOpen())
        {
            if (!synCookies.enabled())
            {
                return DropReason.TABLE_FULL;
            }
            synCookies.answer(nowNs, seg, remote, resets);
            return null;
        }
        final int isn = config.isnGenerator().isn(nowNs, seg.dstPort, remote, seg.srcPort);
        final Connection connection = new Connection(host, config, remote, seg.dstPort, seg.srcPort, true, isn, nowNs);
        connection.endpointSide().openPassive(seg);
        connection.endpointSide().onUnvalidatedDatagram(datagramBytes);
        connections.add(connection, true);
        host.changed(connection);
        return null;
    }

    /** An ACK that returns a valid SYN cookie completes the handshake the cookie answered. */
    private DropReason acceptSynCookie(final long nowNs, final Segment ack, final InetSocketAddress remote,
        final int peerMss)
    {
        if (memoryUnderPressure(nowNs))
        {
            return DropReason.MEMORY_PRESSURE; // a valid cookie, refused: the client's retransmission may find room
        }
        final Connection connection = new Connection(host, config, remote, ack.dstPort, ack.srcPort, true, ack.ack - 1, nowNs);
        synCookies.open(connection, ack, peerMss);
        connections.add(connection, false);
        connection.endpointSide().onSegment(nowNs, ack);
        return null;
    }

    /** RFC 9293 §3.10.7.1: a RST the sender will accept, at most one per segment, rate-limited per source. */
    private void answerWithReset(final long nowNs, final Segment seg, final InetSocketAddress remote)
    {
        if (!resetLimiter.allow(nowNs, remote))
        {
            resetsRateLimited++;
            return;
        }
        if (seg.has(TcpFlags.ACK))
        {
            resets.offer(remote, seg.dstPort, seg.srcPort, seg.ack, 0, TcpFlags.RST);
        }
        else
        {
            resets.offer(remote, seg.dstPort, seg.srcPort, 0, seg.seq + seg.sequenceLength(), TcpFlags.RST | TcpFlags.ACK);
        }
    }

    /**
     * Whether the memory budget is too full for a new connection. Under pressure, first prunes the
     * out-of-order data of every connection holding more than its share (at most once a second: it
     * visits every connection), so peers that parked data behind holes cannot keep newcomers out.
     */
    private boolean memoryUnderPressure(final long nowNs)
    {
        if (!memoryBudget.underPressure())
        {
            return false;
        }
        if (!pruneSwept || nowNs - lastPruneSweepNs >= PRUNE_SWEEP_INTERVAL_NS)
        {
            pruneSwept = true;
            lastPruneSweepNs = nowNs;
            for (final Connection c : connections.all())
            {
                c.endpointSide().pruneIfOverShare();
            }
        }
        return memoryBudget.full();
    }

    long synCookiesSent()
    {
        return synCookies.sent();
    }

    long synCookiesAccepted()
    {
        return synCookies.accepted();
    }

    long resetsRateLimited()
    {
        return resetsRateLimited;
    }
}
