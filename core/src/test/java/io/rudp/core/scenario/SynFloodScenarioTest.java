package io.rudp.core.scenario;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.sim.LinkConfig;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.rudp.core.scenario.ScenarioSupport.SECOND_NS;
import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A burst of SYNs larger than the half-open table: SYN cookies let every connection through. */
class SynFloodScenarioTest
{
    @Test
    void burstBeyondTheHalfOpenTableCompletesWithSynCookies()
    {
        final RudpConfig server = ScenarioSupport.config().toBuilder().maxHalfOpen(8).build();
        final ScenarioSupport s = new ScenarioSupport(seed(40), LinkConfig.defaultLink().withBandwidth(10_000_000L, 1000),
            LinkConfig.defaultLink().withBandwidth(10_000_000L, 1000), ScenarioSupport.config(), server);
        final long[] sizes = new long[300];
        Arrays.fill(sizes, 2000);
        s.startTransfers(sizes);
        s.sim.runUntil(s::allDone, 20 * SECOND_NS);
        assertEquals(300, s.sinks.size());
        assertTrue(s.server.endpoint().synCookiesSent() > 0, "the table overflowed");
        assertEquals(s.server.endpoint().synCookiesSent(), s.server.endpoint().synCookiesAccepted(),
            "every cookie came back as a connection");
        assertTrue(s.senders.stream().allMatch(x -> x.connectedAtNs() < SECOND_NS),
            "every connection was up before a SYN retransmission (initial RTO 1 s) could have happened");
        s.assertAllExactAndClosed();
    }

    @Test
    void forgedCookieIsRefused()
    {
        final RudpConfig server = ScenarioSupport.config().toBuilder().maxHalfOpen(1).build();
        final ScenarioSupport s = new ScenarioSupport(seed(41), LinkConfig.defaultLink(), LinkConfig.defaultLink(),
            ScenarioSupport.config(), server);
        s.startTransfers(1000, 1000); // the second SYN gets a cookie
        s.sim.runUntil(s::allDone, 20 * SECOND_NS);
        final long noConnection = s.server.endpoint().dropCounters().get(DropReason.NO_CONNECTION);
        // An ACK guessing a cookie, from a port that never sent a SYN.
        final Segment ack = new Segment();
        ack.srcPort = 1234;
        ack.dstPort = ScenarioSupport.SERVER_PORT;
        ack.seq = 1000;
        ack.ack = 0x1234_5678;
        ack.flags = TcpFlags.ACK;
        ack.window = 100;
        final ByteBuffer b = ByteBuffer.allocate(100);
        final int length = SegmentCodec.encodeHeader(ack, b, 0);
        new SegmentCodec().seal(b, 0, length);
        s.server.endpoint().onDatagram(s.sim.engineNowNs(), b.limit(length), s.client.address());
        assertEquals(noConnection + 1, s.server.endpoint().dropCounters().get(DropReason.NO_CONNECTION));
        assertEquals(1, s.server.endpoint().synCookiesAccepted());
        s.assertAllExactAndClosed();
    }
}
