package io.rudp.core.sim;

import java.util.SplittableRandom;

/**
 * Where a simulated engine's clock starts. {@code System.nanoTime()} has an arbitrary origin: on
 * Linux it counts from boot (thousands of seconds in), elsewhere it may be negative. Every stamp
 * that starts at 0 or -1 and is later compared with the clock is a bug that a simulation starting at
 * 0 cannot see, so each simulation draws its origin from its seed.
 */
public final class ClockOrigins
{
    /** A typical Linux {@code System.nanoTime()}: 4,666 s after boot. */
    public static final long LINUX_UPTIME_NS = 4_666_000_000_000L;
    /** A clock that reads negative values. */
    public static final long NEGATIVE_NS = -7_777_000_000_000L;
    /** 3 s before a millisecond clock passes 2^32: TSval-style 32-bit clocks wrap early in the run. */
    public static final long NEAR_32_BIT_MS_WRAP_NS = ((1L << 32) - 3_000L) * 1_000_000L;
    /**
     * About 2 s before the nanosecond clock itself wraps from Long.MAX_VALUE to Long.MIN_VALUE. On a
     * whole millisecond, as the other origins: the timestamp clock ticks on the engine clock's
     * milliseconds, so an origin a fraction of one away shifts every tick, and with it an RTT sample
     * read from an echoed timestamp (a different clock, not a different engine).
     */
    public static final long NEAR_64_BIT_NS_WRAP_NS = Long.MAX_VALUE - Long.MAX_VALUE % 1_000_000L - 2_000_000_000L;
    /** The origins every seed chooses among; 0 is kept so the old behaviour is still exercised. */
    static final long[] INTERESTING = {0L, LINUX_UPTIME_NS, NEGATIVE_NS, NEAR_32_BIT_MS_WRAP_NS};

    private ClockOrigins()
    {
    }

    /** The origin for a seed: one of the interesting ones, or an arbitrary value within ±2^60 ns. */
    public static long forSeed(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        final int pick = random.nextInt(INTERESTING.length + 1);
        return pick < INTERESTING.length ? INTERESTING[pick] : random.nextLong(-(1L << 60), 1L << 60);
    }

    /** {@code -Drudp.clockOriginNs=N} overrides, for replaying a failure. */
    public static long fromProperty(final long fallback)
    {
        final String value = System.getProperty("rudp.clockOriginNs");
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }
}
