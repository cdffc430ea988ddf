package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A socket never runs with a guessable key: the loop draws whatever secret the configuration lacks. */
class LoopSecretsTest
{
    @Test
    void theSecretsAConfigurationLacksAreDrawn()
    {
        final LoopSecrets secrets = new LoopSecrets();
        final RudpConfig none = secrets.complete(RudpConfig.defaults());
        assertFalse(none.isnSecretMissing());
        assertFalse(none.synCookieSecretMissing());

        // An ISN generator of the application's keys no cookies: the loop still draws their secret.
        final RudpConfig ownIsns = secrets.complete(RudpConfig.builder().isnGenerator((n, l, r, p) -> 7).build());
        assertFalse(ownIsns.synCookieSecretMissing());
        assertNotEquals(0L, ownIsns.synCookieKey0() | ownIsns.synCookieKey1());
        final RudpConfig again = secrets.complete(RudpConfig.builder().isnGenerator((n, l, r, p) -> 7).build());
        assertNotEquals(ownIsns.synCookieKey0(), again.synCookieKey0(), "a fresh secret each time");

        final RudpConfig given = RudpConfig.builder().isnSecret(5, 6).build();
        assertSame(given, secrets.complete(given), "an explicit secret is kept");
    }
}
