package io.rudp.core.scenario;

import io.rudp.core.sim.LinkConfig;
import io.rudp.core.stats.ConnectionCounters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Path MTU discovery (RFC 8899) over simulated paths of different MTUs: what each connection finds,
 * that a path dropping large datagrams silently is found without taking the drops for congestion,
 * and that a path whose MTU falls mid-transfer (a black hole) costs a fallback, not the connection.
 * MTUs here are IP MTUs (IP and UDP headers included); a datagram is 28 bytes less.
 */
class PathMtuScenarioTest
{
    private static final long SECOND_NS = Bottleneck.SECOND_NS;
    private static final long MB = 1_000_000L;
    private static final int IP_UDP = 28;
    /** A link fast enough that jumbo segments matter, with a queue no flow fills: loss here is MTU loss. */
    private static final LinkConfig LINK = LinkConfig.defaultLink().withDelayNs(5_000_000L)
        .withBandwidth(1_000_000_000L, 10_000);

    private static Bottleneck flow(final long seed, final int interfaceMtu, final int pathMtu, final long bytes)
    {
        final Bottleneck b = new Bottleneck(seed, LINK, "bbr");
        b.clients.get(0).interfaceMtu(interfaceMtu);
        b.server.interfaceMtu(interfaceMtu);
        b.sim.pathMtu(b.clients.get(0), b.server, pathMtu);
        b.sim.pathMtu(b.server, b.clients.get(0), pathMtu);
        return b.start(bytes);
    }

    private static void assertDelivered(final Bottleneck b)
    {
        assertTrue(b.allDone(), "transfer incomplete (" + b.sim.replay() + ")");
        assertArrayEquals(b.senders.get(0).sentDigest(), b.sink(0).digest(), "bytes differ (" + b.sim.replay() + ")");
    }

    @ParameterizedTest(name = "IP MTU {0}")
    @ValueSource(ints = {1280, 1500, 9000, 65535})
    void findsWhatThePathCarriesInOneProbe(final int mtu)
    {
        // The interface's MTU is the path's: the first probe (the ceiling) is acknowledged.
        final Bottleneck b = flow(seed(80), mtu, mtu, 50 * MB).runToCompletion(60);
        assertDelivered(b);
        final ConnectionCounters c = b.counters(0);
        final int found = b.connections.get(0).pathMtuBytes();
        System.out.printf("pmtu %5d: found %5d-byte datagrams, %d probes, %d lost, goodput %.3f of the link (%s)%n",
            mtu, found, c.mtuProbesSent, c.mtuProbesLost, b.goodputFraction(0), b.sim.replay());
        assertEquals(Math.min(mtu - IP_UDP, 65_507), found);
        assertEquals(1, c.mtuProbesSent, "one probe: the ceiling");
        assertEquals(0, c.mtuProbesLost);
    }

    @Test
    void aPathThatSilentlyDropsAbove1400IsFoundWithoutCuttingTheWindow()
    {
        // An Ethernet interface, but a tunnel on the way drops anything over 1400 and says nothing.
        final Bottleneck b = flow(seed(81), 1500, 1400, 20 * MB).runToCompletion(60);
        assertDelivered(b);
        final ConnectionCounters c = b.counters(0);
        final int found = b.connections.get(0).pathMtuBytes();
        System.out.printf("pmtu 1400 behind 1500: found %d, %d probes, %d lost, %d recoveries, %d timeouts (%s)%n",
            found, c.mtuProbesSent, c.mtuProbesLost, c.fastRetransmits, c.timeouts, b.sim.replay());
        assertTrue(found <= 1400 - IP_UDP && found > 1400 - IP_UDP - 8, "found " + found);
        assertEquals(0, b.sim.mtuDrops(b.clients.get(0), b.server) - c.mtuProbesLost, "only probes were too big");
        assertEquals(0, c.fastRetransmits, "a lost probe is not congestion: no recovery episode");
        assertEquals(0, c.timeouts);
        // The ceiling (1472) alone is refused only after 3 lost probes (RFC 8899 MAX_PROBES).
        assertTrue(c.mtuProbesLost >= 3, "lost probes: " + c.mtuProbesLost);
    }

    @Test
    void aPathWhoseMtuFallsMidTransferFallsBackAndSearchesAgain()
    {
        final Bottleneck b = flow(seed(82), 9000, 9000, 200 * MB);
        b.sim.schedule(b.sim.nowNs() + SECOND_NS, () ->
        {
            b.sim.pathMtu(b.clients.get(0), b.server, 1400);
            b.sim.pathMtu(b.server, b.clients.get(0), 1400);
        });
        b.runToCompletion(120);
        assertDelivered(b);
        final ConnectionCounters c = b.counters(0);
        final int found = b.connections.get(0).pathMtuBytes();
        System.out.printf("pmtu 9000 -> 1400 at 1 s: %d black hole(s), found %d, %d timeouts, goodput %.3f (%s)%n",
            c.mtuBlackHoles, found, c.timeouts, b.goodputFraction(0), b.sim.replay());
        assertEquals(1, c.mtuBlackHoles);
        assertTrue(found <= 1400 - IP_UDP && found > 1400 - IP_UDP - 8, "found " + found);
    }

    @Test
    void emsgsizeFromTheSocketLowersTheSegmentSizeAtOnce()
    {
        final Bottleneck b = flow(seed(84), 9000, 9000, 100 * MB);
        final io.rudp.core.connection.Connection c = b.connections.get(0);
        b.sim.runUntil(() -> c.pathMtuBytes() == 8972, 10 * SECOND_NS);
        // The interface is reconfigured to 4000: the next full-size send fails with EMSGSIZE.
        b.sim.pathMtu(b.clients.get(0), b.server, 4000);
        b.clients.get(0).endpoint().onDatagramTooBig(b.sim.engineNowNs(), c.remoteAddress(), c.localPort(),
            c.remotePort(), 8972);
        assertEquals(1200, c.pathMtuBytes(), "back to the base at once");
        b.runToCompletion(60);
        assertDelivered(b);
        assertEquals(0, b.counters(0).mtuBlackHoles, "no timeouts needed to find out");
        assertTrue(c.pathMtuBytes() <= 4000 - IP_UDP && c.pathMtuBytes() > 4000 - IP_UDP - 8, "found " + c.pathMtuBytes());
    }

    @Test
    void withDiscoveryOffSegmentsAreTheInterfaceSizeFromTheStart()
    {
        final Bottleneck b = new Bottleneck(seed(83), LINK, config -> config.pathMtuDiscovery(false), "bbr");
        b.clients.get(0).interfaceMtu(9000);
        b.server.interfaceMtu(9000);
        b.start(10 * MB).runToCompletion(60);
        assertDelivered(b);
        assertEquals(9000 - IP_UDP, b.connections.get(0).pathMtuBytes());
        assertEquals(0, b.counters(0).mtuProbesSent);
    }
}
