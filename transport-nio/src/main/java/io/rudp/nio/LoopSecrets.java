package io.rudp.nio;

import io.rudp.core.config.RudpConfig;

import java.security.SecureRandom;

/**
 * Fills in the secrets a configuration lacks, from {@link SecureRandom}: the ISN secret (which keys
 * SYN cookies too), or, under an ISN generator of the application's, the SYN-cookie secret alone.
 * No socket a loop binds ever runs with a guessable key. (The engine itself draws no randomness.)
 */
final class LoopSecrets
{
    private final SecureRandom random = new SecureRandom();

    /** {@code config}, or a copy with every missing secret drawn; an explicit secret is kept. */
    RudpConfig complete(final RudpConfig config)
    {
        if (config.isnSecretMissing())
        {
            return config.toBuilder().isnSecret(nonZero(), nonZero()).build();
        }
        if (config.synCookieSecretMissing())
        {
            return config.toBuilder().synCookieSecret(nonZero(), nonZero()).build();
        }
        return config;
    }

    private long nonZero()
    {
        long value;
        do
        {
            value = random.nextLong();
        }
        while (value == 0);
        return value;
    }
}
