package io.rudp.nio;

import io.rudp.nio.testkit.ImpairingRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A lossy transfer over loopback captured to pcap by the sending socket: the file parses as
 * standard pcap of IPv4/TCP packets with valid IP and TCP checksums, and — where tshark is
 * installed — tshark's TCP analysis of it finds nothing but what loss explains (retransmissions,
 * duplicate ACKs, out-of-order and lost-segment marks), with no dissector script.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PcapCaptureLoopbackTest
{
    @TempDir
    Path dir;

    @Test
    void aLossyTransferCapturesAsPlainTcp() throws Exception
    {
        final Path file = dir.resolve("rudp.pcap");
        final byte[] data = LoopbackSupport.randomBytes(5, 3_000_000);
        final long written;
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final int port = server.localAddress().getPort();
            final CompletableFuture<byte[]> received = new CompletableFuture<>();
            server.listen(port, c -> ImpairedTransferLoopbackTest.readAllInBackground(c, received));
            try (ImpairingRelay relay = new ImpairingRelay(server.localAddress(), 3, 0.03, 0, 0, 0))
            {
                final RudpSocket client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config()
                    .toBuilder().maxDatagramBytes(1472).build());
                final PcapCapture capture = client.capture(file, 64L << 20);
                final RudpConnection c = client.connect(relay.address(), port, Duration.ofSeconds(10))
                    .get(20, TimeUnit.SECONDS);
                try (OutputStream out = c.outputStream())
                {
                    out.write(data);
                }
                assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(received.get(60, TimeUnit.SECONDS)));
                c.closeFuture().get(20, TimeUnit.SECONDS);
                capture.close();
                written = capture.writtenRecords();
                assertEquals(0, capture.droppedRecords());
            }
        }
        final List<int[]> packets = parse(Files.readAllBytes(file));
        assertEquals(written, packets.size());
        System.out.printf("pcap of a 3 MB transfer with 3 %% loss: %d packets, %d bytes%n", packets.size(), Files.size(file));
        final Map<String, Integer> events = tsharkExpert(file);
        assumeTrue(events != null, "tshark is not installed: the file was checked, its TCP analysis skipped");
        System.out.println("tshark TCP analysis: " + events);
        for (final String event : events.keySet())
        {
            assertTrue(ALLOWED.matcher(event).find(), "unexpected TCP analysis event '" + event + "' in " + events);
        }
        assertTrue(events.keySet().stream().anyMatch(e -> e.contains("retransmission")), "the losses show: " + events);
    }

    /**
     * What loss explains, in tshark's words: retransmissions of every kind, duplicate ACKs, D-SACK,
     * and "out-of-order" (its name for a retransmission sent within an RTT of the data after it);
     * plus the ordinary chatter of a connection (window updates, its closing).
     */
    private static final java.util.regex.Pattern ALLOWED = java.util.regex.Pattern.compile(
        "retransmission|^Duplicate ACK|out-of-order|^D-SACK|^TCP window update|connection closing|^Connection finish");

    /** Checks the pcap framing and each packet's IPv4 and TCP checksums; returns {ipLength, tcpFlags} per packet. */
    private static List<int[]> parse(final byte[] file)
    {
        final ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, b.getInt(), "pcap magic (nanosecond timestamps)");
        b.position(20);
        assertEquals(101, b.getInt(), "LINKTYPE_RAW");
        final List<int[]> packets = new ArrayList<>();
        while (b.remaining() > 0)
        {
            b.order(ByteOrder.LITTLE_ENDIAN);
            b.getInt();
            b.getInt();
            final int captured = b.getInt();
            assertEquals(captured, b.getInt());
            final int at = b.position();
            assertEquals(0x45, file[at] & 0xFF, "IPv4, 20-byte header");
            assertEquals(0xFFFF, sum(file, at, 20, 0), "IPv4 header checksum");
            final int tcpLength = captured - 20;
            final long pseudo = sum16(file, at + 12, 8) + 6 + tcpLength;
            assertEquals(0xFFFF, sum(file, at + 20, tcpLength, pseudo), "TCP checksum");
            packets.add(new int[] {captured, file[at + 20 + 13] & 0xFF});
            b.position(at + captured);
        }
        return packets;
    }

    private static long sum16(final byte[] bytes, final int offset, final int length)
    {
        long s = 0;
        for (int i = 0; i + 1 < length; i += 2)
        {
            s += ((bytes[offset + i] & 0xFF) << 8) | (bytes[offset + i + 1] & 0xFF);
        }
        if ((length & 1) != 0)
        {
            s += (bytes[offset + length - 1] & 0xFF) << 8;
        }
        return s;
    }

    private static int sum(final byte[] bytes, final int offset, final int length, final long initial)
    {
        long s = initial + sum16(bytes, offset, length);
        while ((s >>> 16) != 0)
        {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int)s;
    }

    /** tshark's TCP analysis messages and their counts, or null if tshark is not installed. */
    private static Map<String, Integer> tsharkExpert(final Path file) throws Exception
    {
        final Process p;
        try
        {
            p = new ProcessBuilder("tshark", "-r", file.toString(), "-Y", "tcp.analysis.flags", "-T", "fields",
                "-e", "_ws.expert.message").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        }
        catch (final java.io.IOException e)
        {
            return null;
        }
        final String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark read the file");
        final Map<String, Integer> events = new TreeMap<>();
        for (final String line : out.split("\n"))
        {
            for (final String message : line.split(","))
            {
                if (!message.isBlank())
                {
                    events.merge(message.replaceAll(" \\(#\\d+\\)", "").trim(), 1, Integer::sum);
                }
            }
        }
        return events;
    }
}
