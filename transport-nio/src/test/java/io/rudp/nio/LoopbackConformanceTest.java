package io.rudp.nio;

import io.rudp.nio.testkit.LoopbackHarness;
import io.rudp.core.conformance.ConformanceHarness;
import io.rudp.core.conformance.ConnectionConformanceSuite;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The conformance suite over real UDP on loopback, through the NIO loop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopbackConformanceTest extends ConnectionConformanceSuite
{
    @Override
    protected ConformanceHarness newHarness()
    {
        return new LoopbackHarness();
    }

    /**
     * Loopback's RTT is microseconds: a 20 ms minimum RTO, as in the other loopback tests. Its MTU is
     * 64 KiB: Ethernet-sized datagrams, so the impaired transfer takes hundreds of them and loses some.
     */
    @Override
    protected RudpConfig baseConfig()
    {
        return super.baseConfig().toBuilder().minRto(Duration.ofMillis(20)).maxDatagramBytes(1472).build();
    }
}
