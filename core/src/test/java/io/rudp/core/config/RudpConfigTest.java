package io.rudp.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Durations at the edge, errors that name the setting, and a configuration its builder cannot change. */
class RudpConfigTest
{
    @Test
    void durationsAreDurationsAndStoredInNanoseconds()
    {
        final RudpConfig config = RudpConfig.builder().initialRto(Duration.ofMillis(1500)).minRto(Duration.ofMillis(20))
            .delayedAck(Duration.ZERO).idleTimeout(Duration.ZERO).keepAliveIdle(Duration.ofMinutes(2)).build();
        assertEquals(1_500_000_000L, config.initialRtoNs());
        assertEquals(20_000_000L, config.minRtoNs());
        assertEquals(0, config.delayedAckNs(), "0 acknowledges every segment");
        assertEquals(0, config.idleTimeoutNs(), "0 turns the idle timeout off");
        assertEquals(120_000_000_000L, config.keepAliveIdleNs());
    }

    @Test
    void aBadDurationNamesItsSetting()
    {
        final RudpConfigBuilder builder = RudpConfig.builder();
        assertMessage("userTimeout must be positive", () -> builder.userTimeout(Duration.ZERO));
        assertMessage("timeWait must be positive", () -> builder.timeWait(Duration.ofSeconds(-1)));
        assertMessage("maxRto is too long", () -> builder.maxRto(Duration.ofSeconds(Long.MAX_VALUE)));
        assertMessage("delayedAck must be in [0, 500 ms)", () -> builder.delayedAck(Duration.ofMillis(500)));
        assertMessage("idleTimeout must not be negative", () -> builder.idleTimeout(Duration.ofNanos(-1)));
        assertEquals("keepAliveInterval", assertThrows(NullPointerException.class, () -> builder.keepAliveInterval(null))
            .getMessage());
        assertMessage("minRto (2000000000 ns) exceeds maxRto", () -> RudpConfig.builder().minRto(Duration.ofSeconds(2))
            .maxRto(Duration.ofSeconds(1)).build());
    }

    @Test
    void aConfigurationKeepsItsValuesWhateverItsBuilderDoesNext()
    {
        final RudpConfigBuilder builder = RudpConfig.builder().sendBufferBytes(1000);
        final RudpConfig first = builder.build();
        builder.sendBufferBytes(2000).noDelay(true);
        assertEquals(1000, first.sendBufferBytes());
        final RudpConfig second = first.toBuilder().receiveBufferBytes(3000).build();
        assertEquals(1000, second.sendBufferBytes(), "toBuilder starts from the configuration's values");
        assertEquals(3000, second.receiveBufferBytes());
        assertEquals(RudpConfig.defaults().receiveBufferBytes(), first.receiveBufferBytes());
    }

    private static void assertMessage(final String start, final org.junit.jupiter.api.function.Executable call)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
