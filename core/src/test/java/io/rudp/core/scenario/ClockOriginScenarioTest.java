package io.rudp.core.scenario;

import io.rudp.core.sim.ClockOrigins;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rudp.core.scenario.ScenarioSupport.SECOND_NS;
import static io.rudp.core.scenario.ScenarioSupport.config;
import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine behaves the same whatever its clock reads. Every simulation already starts from an
 * origin drawn from its seed; here one lossy, reordering transfer (with every congestion controller)
 * runs from each interesting origin and must give the same virtual timeline to the nanosecond:
 * sequence numbers and timestamps differ (they are derived from the clock), but nothing that
 * compares times may.
 */
class ClockOriginScenarioTest
{
    private static final long[] ORIGINS_NS = {
        0L, ClockOrigins.LINUX_UPTIME_NS, ClockOrigins.NEGATIVE_NS, ClockOrigins.NEAR_32_BIT_MS_WRAP_NS,
        ClockOrigins.NEAR_64_BIT_NS_WRAP_NS,
    };

    @Test
    void aTransferIsTheSameFromEveryClockOrigin()
    {
        final LinkConfig link = LinkConfig.defaultLink().withLoss(0.02, 3).withReordering(0.02, 30_000_000L);
        for (final String cc : new String[] {"bbr", "cubic", "newreno"})
        {
            final List<String> outcomes = new ArrayList<>();
            for (final long originNs : ORIGINS_NS)
            {
                final ScenarioSupport s = new ScenarioSupport(new Simulator(seed(61), originNs), link, link,
                    config().toBuilder().congestionControl(cc).build(), config());
                s.startTransfers(1_000_000);
                s.sim.runUntil(s::allDone, 120 * SECOND_NS);
                s.assertAllExactAndClosed();
                outcomes.add("finished at " + s.sinks.get(0).eofAtNs() + " ns, " + s.client.datagramsSent()
                    + " datagrams sent, " + s.server.datagramsSent() + " received back, all closed at "
                    + s.sim.nowNs() + " ns");
            }
            for (int i = 1; i < ORIGINS_NS.length; i++)
            {
                assertEquals(outcomes.get(0), outcomes.get(i), cc + ": origin " + ORIGINS_NS[i] + " against 0");
            }
        }
    }
}
