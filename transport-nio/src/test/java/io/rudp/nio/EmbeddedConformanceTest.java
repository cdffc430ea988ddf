package io.rudp.nio;

import io.rudp.core.conformance.ConformanceHarness;
import io.rudp.core.conformance.ConnectionConformanceSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance suite through the NIO loop's code, turned by hand over an in-memory network in
 * virtual time ({@link EmbeddedHarness}): the same exact times as the simulator's harness.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedConformanceTest extends ConnectionConformanceSuite
{
    @Override
    protected ConformanceHarness newHarness()
    {
        return new EmbeddedHarness();
    }

    /** The suite's impaired transfer proves nothing unless the path really loses: this one must. */
    @AfterEach
    void anImpairedTransferLostDatagrams(final TestInfo test)
    {
        if (test.getTestMethod().orElseThrow().getName().contains("Lossy"))
        {
            assertTrue(((EmbeddedHarness)harness).lostDatagrams() >= 5,
                ((EmbeddedHarness)harness).lostDatagrams() + " datagrams lost");
        }
    }
}
