package io.rudp.nio;

import io.rudp.nio.testkit.ImpairingRelay;
import io.rudp.core.codec.DropReason;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk transfers over real loopback UDP through an impairing relay, with each congestion controller. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ImpairedTransferLoopbackTest
{
    private static final long SEED = Long.getLong("rudp.seed", 42);

    @ParameterizedTest
    @ValueSource(strings = {"bbr", "cubic", "newreno"})
    void twentyMegabytesUnderLossReorderingAndCorruption(final String congestionControl) throws Exception
    {
        final byte[] data = LoopbackSupport.randomBytes(SEED, 20_000_000);
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final int port = server.localAddress().getPort();
            final CompletableFuture<byte[]> received = new CompletableFuture<>();
            server.listen(port, c -> readAllInBackground(c, received));
            try (ImpairingRelay relay = new ImpairingRelay(server.localAddress(), SEED, 0.05, 0.0, 0.05, 0.01))
            {
                final RudpSocket client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK,
                    LoopbackSupport.config().toBuilder().congestionControl(congestionControl).build());
                final RudpConnection c = client.connect(relay.address(), port, java.time.Duration.ofSeconds(10))
                    .get(20, TimeUnit.SECONDS);
                try (OutputStream out = c.outputStream())
                {
                    out.write(data);
                }
                final byte[] got = received.get(100, TimeUnit.SECONDS);
                assertEquals(data.length, got.length, "bytes received (seed=" + SEED + ")");
                assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(got), "SHA-256 (seed=" + SEED + ")");
                final Map<DropReason, Long> drops = server.dropCounts().get(5, TimeUnit.SECONDS);
                final ConnectionStats stats = c.stats().get(5, TimeUnit.SECONDS);
                System.out.printf("20 MB through the relay with " + congestionControl + ": %d datagrams dropped by it, %d corrupted; server CRC drops %d;"
                        + " client retransmits %d, timeouts %d%n", relay.dropped.get(), relay.corrupted.get(),
                    drops.get(DropReason.BAD_CRC), stats.retransmits(), stats.timeouts());
                assertTrue(relay.corrupted.get() == 0 || drops.values().stream().mapToLong(Long::longValue).sum() > 0,
                    "corrupted datagrams show in the drop counters");
                assertEquals(CloseReason.NORMAL, c.closeFuture().get(30, TimeUnit.SECONDS));
            }
        }
    }

    /** Reads a connection to its end on a background thread with the blocking stream, then closes it. */
    static void readAllInBackground(final RudpConnection c, final CompletableFuture<byte[]> result)
    {
        final Thread t = new Thread(() ->
        {
            try (InputStream in = c.inputStream())
            {
                final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                result.complete(bytes.toByteArray());
            }
            catch (final Exception e)
            {
                result.completeExceptionally(e);
            }
        }, "reader");
        t.setDaemon(true);
        t.start();
    }
}
