package io.rudp.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks {@link RudpConfigBuilder}'s setters make: each names the setting and says what was
 * wrong, so a bad value fails where it is set, not later in a connection.
 */
final class SettingChecks
{
    private SettingChecks()
    {
    }

    /** An all-zero key is what an unset secret looks like: refused. */
    static void requireSecret(final String name, final long key0, final long key1)
    {
        if (key0 == 0 && key1 == 0)
        {
            throw new IllegalArgumentException(name + ": an all-zero key is no secret; draw one from SecureRandom");
        }
    }

    /** {@return {@code value}, if within [min, max]} */
    static int checkRange(final String name, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
        }
        return value;
    }

    /** {@return {@code duration} in nanoseconds, if positive} */
    static long checkPositive(final String name, final Duration duration)
    {
        final long ns = nanos(name, duration);
        if (ns <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return ns;
    }

    /** {@code duration} in nanoseconds; a null or one beyond 292 years is an error naming the setting. */
    static long nanos(final String name, final Duration duration)
    {
        Objects.requireNonNull(duration, name);
        try
        {
            return duration.toNanos();
        }
        catch (final ArithmeticException e)
        {
            throw new IllegalArgumentException(name + " is too long: " + duration, e);
        }
    }
}
