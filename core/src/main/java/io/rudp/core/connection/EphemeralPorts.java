package io.rudp.core.connection;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.isn.SipHash;

import java.net.InetSocketAddress;
import java.util.function.IntPredicate;

/**
 * Picks the local rudp port of an outgoing connection, RFC 6056 §3.3.3 (Algorithm 3): the search
 * starts at a keyed hash of the destination plus a counter, so ports are neither predictable from
 * outside nor the same for every client (a fixed first port made two clients of one host look like
 * one reused conversation to Wireshark). The key is the SYN-cookie secret, so the same secret gives
 * the same sequence: deterministic in tests, unguessable without it.
 */
final class EphemeralPorts
{
    /** The ephemeral port range of RFC 6335 §6. */
    static final int LOW = 49152;
    static final int HIGH = 65535;
    private static final int RANGE = HIGH - LOW + 1;

    private final long key0;
    private final long key1;
    private final SipHash hash = new SipHash(0, 0);
    private int counter;

    EphemeralPorts(final RudpConfig config)
    {
        this.key0 = config.synCookieKey0() ^ 0x6056_6056L;
        this.key1 = config.synCookieKey1();
    }

    /**
     * The first port toward {@code remote}'s rudp port {@code remotePort} that {@code free} accepts.
     *
     * @throws IllegalStateException if none is free
     */
    int pick(final InetSocketAddress remote, final int remotePort, final IntPredicate free)
    {
        hash.reset(key0, key1).updateShort(remotePort).updateShort(remote.getPort());
        if (remote.getAddress() != null)
        {
            hash.update(remote.getAddress().getAddress());
        }
        final int start = (int)Long.remainderUnsigned(hash.finish() + counter, RANGE);
        for (int i = 0; i < RANGE; i++)
        {
            final int port = LOW + (start + i) % RANGE;
            if (free.test(port))
            {
                counter += i + 1;
                return port;
            }
        }
        throw new IllegalStateException("no free ephemeral port toward " + remote + ":" + remotePort);
    }
}
