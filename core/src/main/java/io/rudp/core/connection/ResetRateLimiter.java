package io.rudp.core.connection;

import java.net.InetSocketAddress;

/**
 * How many RSTs for segments that match no connection one source address may draw: a few a second
 * ({@link #RESETS_PER_SECOND}), so that a flood of spoofed junk cannot make this endpoint send a
 * stream of replies at its victim. Bounded memory: addresses hash into a fixed table of buckets,
 * and two addresses that share one share its allowance (a collision can only withhold RSTs, which
 * TCP does not rely on: the peer's own retransmission timer covers a withheld one).
 */
final class ResetRateLimiter
{
    static final int RESETS_PER_SECOND = 10;
    private static final int BUCKETS = 4096;
    private static final long SECOND_NS = 1_000_000_000L;

    private final long[] windowStartNs = new long[BUCKETS];
    private final int[] sent = new int[BUCKETS];
    private final boolean[] used = new boolean[BUCKETS];

    /** Whether a RST to {@code remote} may go now (and counts it if so). */
    boolean allow(final long nowNs, final InetSocketAddress remote)
    {
        final int bucket = bucket(remote);
        if (!used[bucket] || nowNs - windowStartNs[bucket] >= SECOND_NS)
        {
            used[bucket] = true;
            windowStartNs[bucket] = nowNs;
            sent[bucket] = 0;
        }
        if (sent[bucket] >= RESETS_PER_SECOND)
        {
            return false;
        }
        sent[bucket]++;
        return true;
    }

    private static int bucket(final InetSocketAddress remote)
    {
        final int h = remote.getAddress() == null ? remote.getHostString().hashCode() : remote.getAddress().hashCode();
        return (h ^ (h >>> 16)) & (BUCKETS - 1);
    }
}
