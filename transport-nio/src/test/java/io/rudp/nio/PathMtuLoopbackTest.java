package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Path MTU discovery over real loopback UDP: discovery climbs from the 1200-byte base to the
 * loopback interface's 65,507-byte datagrams with one probe; off, segments are that size from the start.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PathMtuLoopbackTest
{
    private static final int BYTES = 16_000_000;

    /** Sends {@link #BYTES} to a fresh server and returns the client's stats and the elapsed seconds. */
    private static ConnectionStats transfer(final RudpConfig config, final double[] seconds) throws Exception
    {
        final byte[] data = LoopbackSupport.randomBytes(7, BYTES);
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, config);
            final int port = server.localAddress().getPort();
            final CompletableFuture<byte[]> received = new CompletableFuture<>();
            server.listen(port, c -> ImpairedTransferLoopbackTest.readAllInBackground(c, received));
            final RudpSocket client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, config);
            final RudpConnection c = client.connect(server.localAddress(), port, Duration.ofSeconds(10))
                .get(20, TimeUnit.SECONDS);
            final long startNs = System.nanoTime();
            try (OutputStream out = c.outputStream())
            {
                out.write(data);
            }
            final byte[] got = received.get(50, TimeUnit.SECONDS);
            seconds[0] = (System.nanoTime() - startNs) / 1e9;
            assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(got));
            final ConnectionStats stats = c.stats().get(5, TimeUnit.SECONDS);
            assertEquals(CloseReason.NORMAL, c.closeFuture().get(20, TimeUnit.SECONDS));
            return stats;
        }
    }

    @Test
    void discoveryReachesTheLoopbackInterfaceSize() throws Exception
    {
        final double[] on = new double[1];
        final ConnectionStats discovered = transfer(LoopbackSupport.config(), on);
        final double[] off = new double[1];
        final ConnectionStats fixed = transfer(LoopbackSupport.config().toBuilder().pathMtuDiscovery(false).build(), off);
        System.out.printf("loopback 16 MB: discovery on %.0f Mbit/s (%d-byte datagrams, %d probe(s), %d lost);"
                + " off %.0f Mbit/s (%d-byte datagrams)%n", BYTES * 8 / on[0] / 1e6, discovered.pathMtuBytes(),
            discovered.mtuProbesSent(), discovered.mtuProbesLost(), BYTES * 8 / off[0] / 1e6, fixed.pathMtuBytes());
        assertEquals(RudpConfig.MAX_UDP_PAYLOAD_BYTES, discovered.pathMtuBytes());
        assertEquals(1, discovered.mtuProbesSent());
        assertEquals(0, discovered.mtuProbesLost());
        assertEquals(RudpConfig.MAX_UDP_PAYLOAD_BYTES, fixed.pathMtuBytes());
        assertEquals(0, fixed.mtuProbesSent());
    }
}
