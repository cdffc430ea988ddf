package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hole attack against a server's memory: thousands of connections each send data behind a hole
 * (the first segment never comes), so each would hold its whole 256 KiB initial window of
 * out-of-order data: 2,000 of them, 500 MB. With a 64 MiB budget the server holds at most the
 * budget, prunes the attackers' out-of-order data, keeps serving a transfer that was under way,
 * byte-exact, and still accepts a newcomer.
 */
class MemoryBudgetAttackTest
{
    private static final long BUDGET_BYTES = 64L << 20;
    private static final int ATTACKERS = 2_000;
    private static final int PORT = 443;
    private static final int SEGMENT = 1400;
    private static final long MS = 1_000_000L;

    private final SegmentCodec codec = new SegmentCodec();
    private final MemoryBudget budget = new MemoryBudget(BUDGET_BYTES);
    private final Endpoint server = new Endpoint(RudpConfig.builder().isnSecret(1, 2).maxHalfOpen(4096).build(), budget);
    /** The server's ISN for each client address, read from its SYN+ACKs. */
    private final Map<InetSocketAddress, Integer> serverIsns = new HashMap<>();
    private final Segment decoded = new Segment();
    private long nowNs = 4_666_000 * MS;
    private final EndpointDriver driver = new EndpointDriver(server, () -> nowNs, this::noteIsn, ByteBuffer.allocate(65536));
    private long peakUsedBytes;

    @Test
    void holesInThousandsOfConnectionsStayWithinTheBudget()
    {
        server.listen(PORT);
        final InetSocketAddress legit = address(250, 1);
        handshake(legit);
        final Connection legitConnection = server.connection(legit, PORT, 5000);
        final CRC32C sent = new CRC32C();
        final CRC32C read = new CRC32C();
        int legitSeq = 1;
        long legitBytes = 0;

        for (int i = 0; i < ATTACKERS; i++)
        {
            final InetSocketAddress attacker = address(1 + i / 250, 2 + i % 250);
            if (!handshake(attacker))
            {
                continue; // refused: the budget is full
            }
            // 180 segments behind a one-segment hole: the whole initial window, out of order.
            for (int k = 1; k <= 180; k++)
            {
                deliver(attacker, data(1 + k * SEGMENT, SEGMENT, 0), attacker.getPort());
            }
            // The legitimate transfer goes on meanwhile: a segment in order, read by its application.
            if (i % 4 == 0)
            {
                final ByteBuffer payload = payload(legitSeq);
                sent.update(payload.duplicate());
                deliver(legit, data(legitSeq, SEGMENT, legitSeq), 5000);
                legitSeq += SEGMENT;
                legitBytes += SEGMENT;
                final ByteBuffer got = ByteBuffer.allocate(64 * 1024);
                legitConnection.read(got);
                read.update(got.flip());
            }
            nowNs += MS;
            peakUsedBytes = Math.max(peakUsedBytes, budget.usedBytes());
        }
        final long pruned = totalPruned();
        System.out.printf("hole attack: %d connections, budget %d MiB, peak held %.1f MiB, now %.1f MiB;"
                + " out-of-order bytes pruned %.1f MiB, growth refused %d times, connections refused %d;"
                + " the transfer under way moved %d bytes%n",
            ATTACKERS, BUDGET_BYTES >> 20, peakUsedBytes / 1048576.0, budget.usedBytes() / 1048576.0, pruned / 1048576.0,
            budget.refusals(), server.dropCounters().get(DropReason.MEMORY_PRESSURE), legitBytes);

        assertTrue(peakUsedBytes <= BUDGET_BYTES, "held " + peakUsedBytes + " > budget");
        assertEquals(legitBytes, legitConnection.counters().bytesRead, "every in-order byte delivered");
        assertEquals(sent.getValue(), read.getValue(), "byte-exact");
        assertTrue(pruned > 0, "out-of-order data was pruned");

        final InetSocketAddress newcomer = address(251, 1);
        assertTrue(handshake(newcomer), "a new connection is still accepted");
        assertEquals(ConnectionState.ESTABLISHED, server.connection(newcomer, PORT, newcomer.getPort()).state());
    }

    @Test
    void peersThatNeverReadStayWithinTheBudget()
    {
        // An echo server; each attacker sends 1 MiB and never acknowledges a byte of the echo, so the
        // server's send buffers would each hold a megabyte: 500 of them, 502 MiB held without a budget
        // (measured). Under pressure the windows shrink to what is allocated and growth stops.
        server.listen(PORT);
        final Map<Connection, ByteBuffer> pendingEcho = new HashMap<>();
        int refused = 0;
        for (int i = 0; i < 500; i++)
        {
            final InetSocketAddress attacker = address(1 + i / 250, 2 + i % 250);
            if (!handshake(attacker))
            {
                refused++;
                continue;
            }
            final Connection c = server.connection(attacker, PORT, attacker.getPort());
            for (int k = 0; k < 750; k++)
            {
                deliver(attacker, data(1 + k * SEGMENT, SEGMENT, k), attacker.getPort());
                echo(c, pendingEcho);
            }
            nowNs += MS;
            peakUsedBytes = Math.max(peakUsedBytes, budget.usedBytes());
        }
        System.out.printf("never-reading peers: 500 connections, budget %d MiB, peak held %.1f MiB; growth refused %d"
            + " times, connections refused %d%n", BUDGET_BYTES >> 20, peakUsedBytes / 1048576.0, budget.refusals(), refused);
        assertTrue(peakUsedBytes <= BUDGET_BYTES, "held " + peakUsedBytes + " > budget");
        final InetSocketAddress newcomer = address(251, 1);
        assertTrue(handshake(newcomer), "a new connection is still accepted");
    }

    /** An echo application: writes back what it read, and reads no more while its echo is pending. */
    private static void echo(final Connection c, final Map<Connection, ByteBuffer> pendingEcho)
    {
        ByteBuffer pending = pendingEcho.get(c);
        if (pending != null && pending.hasRemaining())
        {
            c.write(pending);
            if (pending.hasRemaining())
            {
                return;
            }
        }
        pending = ByteBuffer.allocate(64 * 1024);
        c.read(pending);
        pending.flip();
        c.write(pending);
        pendingEcho.put(c, pending);
    }

    private long totalPruned()
    {
        long total = 0;
        for (final Connection c : server.connections())
        {
            total += c.counters().outOfOrderBytesPruned;
        }
        return total;
    }

    /** SYN, the server's SYN+ACK, ACK. Returns false if the server did not answer (refused). */
    private boolean handshake(final InetSocketAddress client)
    {
        final int clientPort = client.getPort();
        final Segment syn = segment(clientPort, 0, 0, TcpFlags.SYN);
        syn.mss = 1452;
        syn.windowScale = 7;
        syn.sackPermitted = true;
        deliver(client, syn, clientPort);
        final Integer isn = serverIsns.get(client);
        if (isn == null)
        {
            return false;
        }
        deliver(client, segment(clientPort, 1, isn + 1, TcpFlags.ACK), clientPort);
        while (server.pollEvent() != null)
        {
            // CONNECTED
        }
        return true;
    }

    private Segment data(final int seq, final int length, final int fill)
    {
        final Segment s = new Segment();
        s.seq = seq;
        s.flags = TcpFlags.ACK | TcpFlags.PSH;
        s.window = 1024;
        s.payload(payload(fill), 0, length);
        return s;
    }

    private static ByteBuffer payload(final int fill)
    {
        final ByteBuffer b = ByteBuffer.allocate(SEGMENT);
        for (int i = 0; i < SEGMENT; i++)
        {
            b.put(i, (byte)(fill * 31 + i));
        }
        return b;
    }

    private static Segment segment(final int srcPort, final int seq, final int ack, final int flags)
    {
        final Segment s = new Segment();
        s.seq = seq;
        s.ack = ack;
        s.flags = flags;
        s.window = 1024;
        return s;
    }

    private void deliver(final InetSocketAddress from, final Segment seg, final int srcPort)
    {
        seg.srcPort = srcPort;
        seg.dstPort = PORT;
        if (seg.has(TcpFlags.ACK) && !seg.has(TcpFlags.SYN) && seg.ack == 0)
        {
            seg.ack = serverIsns.getOrDefault(from, 0) + 1;
        }
        final ByteBuffer b = ByteBuffer.allocate(65536);
        final int header = SegmentCodec.encodeHeader(seg, b, 0);
        final int payload = seg.payloadLength();
        if (payload > 0)
        {
            b.put(header, seg.payloadBuffer(), seg.payloadOffset(), payload);
        }
        codec.seal(b, 0, header + payload);
        b.limit(header + payload);
        driver.onDatagram(b, from);
    }

    /** The server's SYN+ACKs tell each attacker the ISN its ACKs must acknowledge. */
    private boolean noteIsn(final ByteBuffer datagram, final InetSocketAddress to)
    {
        if (codec.decode(datagram, decoded) == null && decoded.has(TcpFlags.SYN) && decoded.has(TcpFlags.ACK))
        {
            serverIsns.put(to, decoded.seq);
        }
        return true;
    }

    private static InetSocketAddress address(final int a, final int b)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 9, (byte)a, (byte)b}), 5000);
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
