package io.rudp.core.scenario;

import io.rudp.core.sim.LinkConfig;
import org.junit.jupiter.api.Test;

import static io.rudp.core.scenario.ScenarioSupport.SECOND_NS;
import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code handshake} and {@code transfer} rows of scenarios.md. */
class TransferScenarioTest
{
    @Test
    void handshake()
    {
        final ScenarioSupport s = new ScenarioSupport(seed(1), LinkConfig.defaultLink());
        s.startTransfers(1024);
        s.sim.runUntil(s::allDone, 10 * SECOND_NS);
        assertEquals(1, s.sinks.size());
        s.assertAllExactAndClosed();
    }

    @Test
    void transferOnThreeConnections()
    {
        final ScenarioSupport s = new ScenarioSupport(seed(2), LinkConfig.defaultLink());
        s.startTransfers(2_000_000, 3_000_000, 5_000_000);
        s.sim.runUntil(s::allDone, 60 * SECOND_NS);
        final double fraction = s.goodputFraction(LinkConfig.defaultLink().bitsPerSecond());
        System.out.printf("transfer: 10 MB on 3 connections, goodput %.3f of link (seed=%d)%n", fraction, s.sim.seed());
        s.assertAllExactAndClosed();
        org.junit.jupiter.api.Assertions.assertTrue(fraction >= 0.90,
            "scenarios.md floor: goodput >= 0.90 of link, was " + fraction + " (" + s.sim.replay() + ")");
    }
}
