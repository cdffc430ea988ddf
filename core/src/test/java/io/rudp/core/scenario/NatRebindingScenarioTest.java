package io.rudp.core.scenario;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.SimNode;
import io.rudp.core.sim.Simulator;
import io.rudp.core.sim.StreamSender;
import io.rudp.core.sim.StreamSink;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NAT rebinding: the client's NAT gives it a new public port mid-transfer, again and again (the old
 * mapping dies at once), while an attacker who sees the client's traffic replays its segments, and
 * forges RSTs, from addresses of its own choosing. One connection carries the transfer byte-exact;
 * the server moves it to each new port only after that port answered a challenge, and never to an
 * address the attacker claimed.
 */
class NatRebindingScenarioTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND_NS = 1_000_000_000L;
    private static final int PORT = 443;
    private static final int REBINDS = 4;

    private static InetSocketAddress spoofed(final int i)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte)198, 51, 100, (byte)(1 + i % 200)}),
                20_000 + i);
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private record Outcome(Connection serverSide, Connection clientSide, long elapsedNs)
    {
    }

    /**
     * A 20 MB transfer (client to server if {@code upload}, else back) over 30 ms / 20 Mbit/s, the
     * client's NAT rebinding every 700 ms, an attacker replaying and forging every 20 ms if {@code attack}.
     */
    private static Outcome run(final long seed, final boolean upload, final boolean attack)
    {
        final Simulator sim = new Simulator(seed);
        final SimNode client = sim.addNode("client", ScenarioSupport.config());
        final SimNode server = sim.addNode("server", ScenarioSupport.config());
        sim.link(client, server, LinkConfig.defaultLink().withBandwidth(20_000_000L, 50));
        final long bytes = 20_000_000L;
        final StreamSender sender = new StreamSender(bytes, sim.newRandom(), false);
        // The receiving side: the server's for an upload, the client's for a download.
        final StreamSink sink = new StreamSink(false);
        final Connection[] serverSide = new Connection[1];
        server.listen(PORT, c ->
        {
            serverSide[0] = c;
            return upload ? sink : sender;
        });
        final Connection clientSide = client.connect(server, 0, PORT, upload ? sender : sink);
        for (int i = 1; i <= REBINDS; i++)
        {
            final int port = 40_000 + i;
            sim.schedule(sim.nowNs() + i * 700 * MS, () -> client.natRebind(port));
        }
        if (attack)
        {
            for (int i = 0; i < 300; i++)
            {
                final int n = i;
                sim.schedule(sim.nowNs() + 10 * MS + i * 20 * MS, () -> forge(sim, client, server, n));
            }
        }
        sim.runUntil(sink::eof, 60 * SECOND_NS);
        assertArrayEquals(sender.sentDigest(), sink.digest(), "bytes differ (" + sim.replay() + ")");
        return new Outcome(serverSide[0], clientSide, sim.nowNs());
    }

    /** The attacker: the client's last datagram, replayed from a spoofed address, and a forged RST from another. */
    private static void forge(final Simulator sim, final SimNode client, final SimNode server, final int n)
    {
        final byte[] last = client.lastSent();
        if (last == null)
        {
            return;
        }
        sim.inject(server, spoofed(2 * n), last);
        final Segment seg = new Segment();
        if (new SegmentCodec().decode(ByteBuffer.wrap(last), seg) != null)
        {
            return;
        }
        final Segment rst = new Segment();
        rst.srcPort = seg.srcPort;
        rst.dstPort = seg.dstPort;
        rst.seq = seg.seq;
        rst.flags = TcpFlags.RST;
        final ByteBuffer b = ByteBuffer.allocate(128);
        final int length = SegmentCodec.encodeHeader(rst, b, 0);
        new SegmentCodec().seal(b, 0, length);
        final byte[] forged = new byte[length];
        b.get(0, forged);
        sim.inject(server, spoofed(2 * n + 1), forged);
    }

    @Test
    void anUploadSurvivesRepeatedRebindingOnOneConnection()
    {
        final Outcome o = run(seed(90), true, false);
        System.out.printf("nat upload: %d rebinds, %d migrations, %d challenges, %.2f s%n", REBINDS,
            o.serverSide().counters().pathMigrations, o.serverSide().counters().pathChallenges, o.elapsedNs() / 1e9);
        assertEquals(REBINDS, o.serverSide().counters().pathMigrations);
        assertEquals(40_000 + REBINDS, o.serverSide().remoteAddress().getPort());
        assertEquals(0, o.clientSide().counters().pathMigrations, "the client never saw the server move");
    }

    @Test
    void aDownloadSurvivesRepeatedRebindingWhileTheClientOnlyAcknowledges()
    {
        final Outcome o = run(seed(91), false, false);
        System.out.printf("nat download: %d rebinds, %d migrations, %d challenges, %.2f s%n", REBINDS,
            o.serverSide().counters().pathMigrations, o.serverSide().counters().pathChallenges, o.elapsedNs() / 1e9);
        assertEquals(REBINDS, o.serverSide().counters().pathMigrations);
    }

    @Test
    void replayedAndForgedSegmentsFromOtherAddressesNeitherMoveNorResetTheConnection()
    {
        for (final boolean upload : new boolean[] {true, false})
        {
            final Outcome o = run(seed(92), upload, true);
            final Connection s = o.serverSide();
            System.out.printf("nat %s under attack: %d migrations, %d challenges, %.2f s%n",
                upload ? "upload" : "download", s.counters().pathMigrations, s.counters().pathChallenges,
                o.elapsedNs() / 1e9);
            assertEquals(REBINDS, s.counters().pathMigrations, "moved only with the NAT");
            assertEquals(40_000 + REBINDS, s.remoteAddress().getPort());
            assertTrue(s.closeReason() == CloseReason.NONE || s.closeReason() == CloseReason.NORMAL,
                "not reset: " + s.closeReason());
            assertTrue(s.counters().pathChallenges >= REBINDS);
        }
    }
}
