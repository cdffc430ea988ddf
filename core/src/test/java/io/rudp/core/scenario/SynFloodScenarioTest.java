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
    private static final SegmentCodec CODEC = new SegmentCodec();

    /** A SYN as a forger sends it, from {@code srcPort}. */
    private static Segment syn(final int srcPort, final int seq)
    {
        final Segment syn = new Segment();
        syn.srcPort = srcPort;
        syn.dstPort = ScenarioSupport.SERVER_PORT;
        syn.seq = seq;
        syn.flags = TcpFlags.SYN;
        syn.window = 65535;
        return syn;
    }

    /** Encodes {@code seg} with a valid CRC and hands it to the server as if from {@code from}. */
    private static void inject(final ScenarioSupport s, final Segment seg, final java.net.InetSocketAddress from)
    {
        final ByteBuffer b = ByteBuffer.allocate(100);
        final int length = SegmentCodec.encodeHeader(seg, b, 0);
        CODEC.seal(b, 0, length);
        s.server.endpoint().onDatagram(s.sim.engineNowNs(), b.limit(length), from);
    }

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
    void aConnectionAcceptedByCookieKeepsWindowScalingSackAndTimestamps()
    {
        // One spoofed SYN fills the half-open table (it never completes); a real client then
        // connects over 100 Mbit/s x 50 ms and is answered with a cookie. Without window scaling it
        // would be held to a 64 KiB window for its life: 10 Mbit/s.
        final RudpConfig server = ScenarioSupport.config().toBuilder().maxHalfOpen(1).build();
        final LinkConfig link = LinkConfig.defaultLink().withDelayNs(25_000_000L).withBandwidth(100_000_000L, 417);
        final ScenarioSupport s = new ScenarioSupport(seed(42), link, link, ScenarioSupport.config(), server);
        inject(s, syn(4321, 777), new java.net.InetSocketAddress("127.0.0.99", 9000));
        assertEquals(1, s.server.endpoint().halfOpenCount());

        s.startTransfers(25_000_000);
        s.sim.runUntil(s::allDone, 60 * SECOND_NS);
        assertEquals(1, s.server.endpoint().synCookiesAccepted(), "the client came in by cookie");
        final io.rudp.core.connection.Connection accepted = s.sinks.get(0).connection();
        assertTrue(accepted.windowScalingEnabled(), "window scaling");
        assertTrue(accepted.sackEnabled(), "SACK");
        assertTrue(accepted.timestampsEnabled(), "timestamps");
        final double goodput = s.goodputFraction(link.bitsPerSecond());
        System.out.printf("cookie-accepted transfer during a full half-open table: %.3f of a 100 Mbit/s, 50 ms link (%s)%n",
            goodput, s.sim.replay());
        assertTrue(goodput >= 0.6, "goodput " + goodput + " (" + s.sim.replay() + ")");
        s.assertAllExactAndClosed();
    }

    @Test
    void aLiveTransferKeepsItsPaceThroughASynFlood()
    {
        // 5,000 spoofed SYNs a second, each from its own address, for the whole transfer: the
        // half-open table fills, cookies take over, and the transfer under way goes on.
        final RudpConfig server = ScenarioSupport.config().toBuilder().maxHalfOpen(256).build();
        final ScenarioSupport s = new ScenarioSupport(seed(43), LinkConfig.defaultLink(), LinkConfig.defaultLink(),
            ScenarioSupport.config(), server);
        s.startTransfers(5_000_000);
        for (int i = 0; i < 30_000; i++)
        {
            final int n = i;
            s.sim.schedule(50_000_000L + i * 200_000L, () ->
            {
                final Segment syn = syn(1024 + n % 60_000, n * 7919);
                syn.mss = 1452;
                final byte[] ip = {127, (byte)(64 + (n >> 16 & 0x3F)), (byte)(n >> 8), (byte)n}; // spoofed, in memory only
                try
                {
                    inject(s, syn, new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(ip), 9000));
                }
                catch (final java.net.UnknownHostException e)
                {
                    throw new IllegalStateException(e);
                }
            });
        }
        s.sim.runUntil(s::allDone, 60 * SECOND_NS);
        final double goodput = s.goodputFraction(LinkConfig.defaultLink().bitsPerSecond());
        System.out.printf("SYN flood (5,000 SYNs/s, %d cookies sent): the live transfer got %.3f of the link (%s)%n",
            s.server.endpoint().synCookiesSent(), goodput, s.sim.replay());
        assertTrue(s.server.endpoint().synCookiesSent() > 10_000, "the flood overflowed the table");
        assertTrue(goodput >= 0.85, "goodput " + goodput);
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
        inject(s, ack, s.client.address());
        assertEquals(noConnection + 1, s.server.endpoint().dropCounters().get(DropReason.NO_CONNECTION));
        assertEquals(1, s.server.endpoint().synCookiesAccepted());
        s.assertAllExactAndClosed();
    }
}
