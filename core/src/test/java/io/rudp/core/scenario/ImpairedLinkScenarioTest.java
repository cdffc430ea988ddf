package io.rudp.core.scenario;

import io.rudp.core.codec.DropReason;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.EventType;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.StreamSender;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.rudp.core.scenario.ScenarioSupport.SECOND_NS;
import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenarios.md rows that impair the link: delay, loss, corruption, reordering, blackholes. */
class ImpairedLinkScenarioTest
{
    @Test
    void longRtt()
    {
        final LinkConfig link = LinkConfig.defaultLink().withDelayNs(750_000_000L);
        final ScenarioSupport s = new ScenarioSupport(seed(10), link);
        s.startTransfers(1024);
        s.sim.runUntil(s::allDone, 60 * SECOND_NS);
        assertTrue(s.senders.get(0).connection().counters().retransmittedSegments >= 1,
            "the 1 s initial RTO fires before the 1.5 s RTT: SYN retransmitted (" + s.sim.replay() + ")");
        assertEquals(1, s.sinks.size());
        s.assertAllExactAndClosed();
    }

    @Test
    void multiplexing2000ConnectionsOverOneSocket()
    {
        final ScenarioSupport s = new ScenarioSupport(seed(11), LinkConfig.defaultLink().withBandwidth(10_000_000L, 10_000));
        final long[] sizes = new long[2000];
        java.util.Arrays.fill(sizes, 32);
        s.startTransfers(sizes);
        s.sim.runUntil(s::allDone, 120 * SECOND_NS);
        assertEquals(2000, s.sinks.size());
        s.assertAllExactAndClosed();
    }

    @Test
    void blackholeOnFiveOffTwo()
    {
        final LinkConfig link = LinkConfig.defaultLink().withBlackhole(5 * SECOND_NS, 2 * SECOND_NS);
        final ScenarioSupport s = new ScenarioSupport(seed(12), link);
        s.startTransfers(10_000_000);
        s.sim.runUntil(s::allDone, 300 * SECOND_NS);
        assertEquals(1, s.sinks.size());
        s.assertAllExactAndClosed();
    }

    @Test
    void handshakeLoss()
    {
        final LinkConfig link = LinkConfig.defaultLink().withLoss(0.30, 3);
        final ScenarioSupport s = new ScenarioSupport(seed(13), link);
        final long[] sizes = new long[50];
        java.util.Arrays.fill(sizes, 1024);
        s.startTransfers(sizes);
        s.sim.runUntil(s::allDone, 600 * SECOND_NS);
        assertEquals(50, s.sinks.size(), "exactly 50 connections (" + s.sim.replay() + ")");
        s.assertAllExactAndClosed();
    }

    @Test
    void transferLoss()
    {
        final LinkConfig link = LinkConfig.defaultLink().withLoss(0.02, 3);
        final ScenarioSupport s = new ScenarioSupport(seed(14), link);
        s.startTransfers(2_000_000);
        s.sim.runUntil(s::allDone, 300 * SECOND_NS);
        System.out.printf("transferloss: goodput %.3f of link (seed=%d)%n", s.goodputFraction(10_000_000L), s.sim.seed());
        s.assertAllExactAndClosed();
    }

    @Test
    void handshakeCorruption()
    {
        final LinkConfig link = LinkConfig.defaultLink().withCorruption(0.30, 50);
        final ScenarioSupport s = new ScenarioSupport(seed(15), link);
        final long[] sizes = new long[50];
        java.util.Arrays.fill(sizes, 1024);
        s.startTransfers(sizes);
        s.sim.runUntil(s::allDone, 600 * SECOND_NS);
        assertEquals(50, s.sinks.size(), "exactly 50 connections (" + s.sim.replay() + ")");
        final long badCrc = s.client.endpoint().dropCounters().get(DropReason.BAD_CRC)
            + s.server.endpoint().dropCounters().get(DropReason.BAD_CRC);
        final long corrupted = s.sim.linkStats(s.client, s.server)[2] + s.sim.linkStats(s.server, s.client)[2];
        assertTrue(badCrc > 0, "corrupted segments are counted");
        assertTrue(s.client.endpoint().dropCounters().total() + s.server.endpoint().dropCounters().total() >= corrupted,
            "every corrupted datagram was dropped (" + s.sim.replay() + ")");
        s.assertAllExactAndClosed();
    }

    @Test
    void transferCorruption()
    {
        final LinkConfig link = LinkConfig.defaultLink().withCorruption(0.02, 0);
        final ScenarioSupport s = new ScenarioSupport(seed(16), link);
        s.startTransfers(2_000_000);
        s.sim.runUntil(s::allDone, 300 * SECOND_NS);
        assertTrue(s.server.endpoint().dropCounters().get(DropReason.BAD_CRC) > 0);
        s.assertAllExactAndClosed();
    }

    @Test
    void reorderAndDuplicate()
    {
        final LinkConfig link = LinkConfig.defaultLink().withReordering(0.05, 60_000_000L).withDuplication(0.02);
        final ScenarioSupport s = new ScenarioSupport(seed(17), link);
        s.startTransfers(10_000_000);
        s.sim.runUntil(s::allDone, 600 * SECOND_NS);
        s.assertAllExactAndClosed();
    }

    @Test
    void zeroWindowReceiverStopsReadingForTenSeconds()
    {
        final ScenarioSupport s = new ScenarioSupport(seed(18), LinkConfig.defaultLink());
        s.startTransfers(5_000_000);
        s.sim.schedule(SECOND_NS, () -> s.sinks.get(0).pause());
        s.sim.schedule(11 * SECOND_NS, () -> s.sinks.get(0).resume(s.server));
        s.sim.runUntil(s::allDone, 300 * SECOND_NS);
        assertTrue(s.sinks.get(0).eofAtNs() > 11 * SECOND_NS);
        assertTrue(s.senders.get(0).connection().counters().zeroWindowProbes > 0, "the sender probed the zero window");
        assertEquals(0, s.senders.get(0).connection().counters().timeouts, "probing, not retransmission timeouts");
        s.assertAllExactAndClosed();
    }

    @Test
    void peerDeadSenderGivesUpAfterUserTimeout()
    {
        final LinkConfig link = LinkConfig.defaultLink().withDownAfter(2 * SECOND_NS);
        final RudpConfig config = ScenarioSupport.config().toBuilder().userTimeout(Duration.ofSeconds(30)).build();
        final ScenarioSupport s = new ScenarioSupport(seed(19), link, link, config, config);
        s.startTransfers(1_000_000_000L);
        final StreamSender sender = s.senders.get(0);
        s.sim.runUntil(() -> sender.terminal() != null, 200 * SECOND_NS);
        assertEquals(EventType.TIMED_OUT, sender.terminal());
        assertTrue(sender.finishedAtNs() >= 30 * SECOND_NS && sender.finishedAtNs() <= 40 * SECOND_NS,
            "gave up " + sender.finishedAtNs() / 1e9 + " s in (user timeout 30 s after the first RTO)");
        assertEquals(0, s.client.endpoint().connectionCount(), "all state released");
        assertEquals(CloseReason.PEER_UNREACHABLE, sender.connection().closeReason());
    }
}
