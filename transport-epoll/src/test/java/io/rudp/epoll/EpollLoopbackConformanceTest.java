package io.rudp.epoll;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.conformance.ConformanceHarness;
import io.rudp.core.conformance.ConnectionConformanceSuite;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.testkit.LoopbackHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The conformance suite over real UDP on loopback, through a loop on epoll. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EpollLoopbackConformanceTest extends ConnectionConformanceSuite
{
    @BeforeAll
    static void epollIsHere()
    {
        Assumptions.assumeTrue(EpollTransport.isAvailable(),
            () -> "skipped: the epoll transport is unavailable here: " + EpollTransport.unavailabilityCause());
    }

    @Override
    protected ConformanceHarness newHarness()
    {
        return new LoopbackHarness(EpollTransport.start(LoopConfig.builder().threadName("rudp-epoll").build()));
    }

    /** As the NIO loopback suite: a 20 ms minimum RTO, and Ethernet-sized datagrams. */
    @Override
    protected RudpConfig baseConfig()
    {
        return super.baseConfig().toBuilder().minRto(Duration.ofMillis(20)).maxDatagramBytes(1472).build();
    }
}
