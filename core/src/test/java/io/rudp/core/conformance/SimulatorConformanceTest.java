package io.rudp.core.conformance;

/** The conformance suite in the simulator, in virtual time: outcomes and exact times. */
class SimulatorConformanceTest extends ConnectionConformanceSuite
{
    @Override
    protected ConformanceHarness newHarness()
    {
        return new SimulatorHarness(Long.getLong("rudp.seed", 20261203L));
    }
}
