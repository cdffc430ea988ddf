package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user on the module path can reach: the API packages, not the engine's timers, loss
 * recovery or loop internals. (The tests run on the module path, so this reads the real descriptors.)
 */
class ModuleBoundaryTest
{
    private static Set<String> exported(final Module module)
    {
        final Set<String> packages = new TreeSet<>();
        for (final String name : module.getPackages())
        {
            if (module.isExported(name))
            {
                packages.add(name);
            }
        }
        return packages;
    }

    @Test
    void coreExportsItsApiAndHidesTimersAndLossRecovery()
    {
        final Module core = RudpConfig.class.getModule();
        assertTrue(core.isNamed(), "run on the module path");
        assertEquals(Set.of("io.rudp.core.buffer", "io.rudp.core.codec", "io.rudp.core.config", "io.rudp.core.congestion",
            "io.rudp.core.connection", "io.rudp.core.isn", "io.rudp.core.stats"), exported(core));
    }

    @Test
    void theTimersAreSharedWithTheNioTransportAlone()
    {
        final Module core = RudpConfig.class.getModule();
        assertTrue(core.isExported("io.rudp.core.timer", RudpLoop.class.getModule()), "the loop orders deadlines as the engine does");
        assertFalse(core.isExported("io.rudp.core.timer"), "nobody else sees them");
    }

    @Test
    void theNioTransportExportsItsApiAndItsFlightRecorderEvents()
    {
        final Module nio = RudpLoop.class.getModule();
        assertEquals(Set.of("io.rudp.nio", "io.rudp.nio.jfr"), exported(nio));
        assertTrue(nio.getDescriptor().requires().stream().anyMatch(r -> r.name().equals("io.rudp.core")
            && r.modifiers().contains(java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
            "a user of the transport reads the core's API without requiring it");
    }
}
