package io.rudp.core.sim;

/**
 * How a simulated one-way link treats datagrams. Immutable; {@code with*} methods return copies.
 * Rates are probabilities per datagram; all randomness comes from the simulator's seed.
 */
public record LinkConfig(
    long delayNs,
    long bitsPerSecond,
    int queuePackets,
    double lossRate,
    int maxLossBurst,
    double duplicateRate,
    double reorderRate,
    long reorderMaxExtraDelayNs,
    double corruptRate,
    int corruptWithinFirstBytes,
    long blackholeOnNs,
    long blackholeOffNs,
    long downAfterNs,
    long jitterNs)
{
    /** The scenarios' default link: 15 ms one way, 10 Mbit/s, drop-tail queue of 25 packets. */
    public static LinkConfig defaultLink()
    {
        return new LinkConfig(15_000_000L, 10_000_000L, 25, 0, 1, 0, 0, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0);
    }

    /** No delay, no bandwidth limit, no impairment. */
    public static LinkConfig ideal()
    {
        return new LinkConfig(0, 0, Integer.MAX_VALUE, 0, 1, 0, 0, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0);
    }

    public LinkConfig withDelayNs(final long ns)
    {
        return new LinkConfig(ns, bitsPerSecond, queuePackets, lossRate, maxLossBurst, duplicateRate, reorderRate,
            reorderMaxExtraDelayNs, corruptRate, corruptWithinFirstBytes, blackholeOnNs, blackholeOffNs, downAfterNs, jitterNs);
    }

    public LinkConfig withBandwidth(final long bps, final int queue)
    {
        return new LinkConfig(delayNs, bps, queue, lossRate, maxLossBurst, duplicateRate, reorderRate,
            reorderMaxExtraDelayNs, corruptRate, corruptWithinFirstBytes, blackholeOnNs, blackholeOffNs, downAfterNs, jitterNs);
    }

    /** Loss of {@code rate} of all datagrams, in bursts of 1..{@code maxBurst} consecutive datagrams. */
    public LinkConfig withLoss(final double rate, final int maxBurst)
    {
        return new LinkConfig(delayNs, bitsPerSecond, queuePackets, rate, maxBurst, duplicateRate, reorderRate,
            reorderMaxExtraDelayNs, corruptRate, corruptWithinFirstBytes, blackholeOnNs, blackholeOffNs, downAfterNs, jitterNs);
    }

    public LinkConfig withDuplication(final double rate)
    {
        return new LinkConfig(delayNs, bitsPerSecond, queuePackets, lossRate, maxLossBurst, rate, reorderRate,
            reorderMaxExtraDelayNs, corruptRate, corruptWithinFirstBytes, blackholeOnNs, blackholeOffNs, downAfterNs, jitterNs);
    }

    /** Delays {@code rate} of datagrams by an extra uniform 0..{@code maxExtraNs}, so later ones overtake them. */
    public LinkConfig withReordering(final double rate, final long maxExtraNs)
    {
        return new LinkConfig(delayNs, bitsPerSecond, queuePackets, lossRate, maxLossBurst, duplicateRate, rate,
            maxExtraNs, corruptRate, corruptWithinFirstBytes, blackholeOnNs, blackholeOffNs, downAfterNs, jitterNs);
    }

    /** Changes one byte in {@code rate} of datagrams, within the first {@code withinFirst} bytes (0 = anywhere). */
    public LinkConfig withCorruption(final double rate, final int withinFirst)
    {
        return new LinkConfig(delayNs, bitsPerSecond, queuePackets, lossRate, maxLossBurst, duplicateRate, reorderRate,
            reorderMaxExtraDelayNs, rate, withinFirst, blackholeOnNs, blackholeOffNs, downAfterNs, jitterNs);
    }

    /** The link passes traffic for {@code onNs}, then drops everything for {@code offNs}, repeating. */
    public LinkConfig withBlackhole(final long onNs, final long offNs)
    {
        return new LinkConfig(delayNs, bitsPerSecond, queuePackets, lossRate, maxLossBurst, duplicateRate, reorderRate,
            reorderMaxExtraDelayNs, corruptRate, corruptWithinFirstBytes, onNs, offNs, downAfterNs, jitterNs);
    }

    /** The link drops everything from virtual time {@code ns} on. */
    public LinkConfig withDownAfter(final long ns)
    {
        return new LinkConfig(delayNs, bitsPerSecond, queuePackets, lossRate, maxLossBurst, duplicateRate, reorderRate,
            reorderMaxExtraDelayNs, corruptRate, corruptWithinFirstBytes, blackholeOnNs, blackholeOffNs, ns, jitterNs);
    }

    /**
     * Adds a uniform 0..{@code ns} to each datagram's propagation delay, without letting it overtake
     * the one before (as a real path's RTT varies by a few hundred microseconds to milliseconds):
     * RTTs stop repeating to the nanosecond, so a min-RTT filter is no longer refreshed for free.
     */
    public LinkConfig withJitter(final long ns)
    {
        return new LinkConfig(delayNs, bitsPerSecond, queuePackets, lossRate, maxLossBurst, duplicateRate, reorderRate,
            reorderMaxExtraDelayNs, corruptRate, corruptWithinFirstBytes, blackholeOnNs, blackholeOffNs, downAfterNs, ns);
    }
}
