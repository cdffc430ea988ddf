package io.rudp.nio;

import io.rudp.nio.testkit.TestEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real loop on an injected clock whose long wraps 300 ms into the transfer: every stamp the loop
 * and the engine compare must survive it, as the simulator checks for the engine alone
 * ({@code ClockOriginScenarioTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopClockOriginTest
{
    private static final long MS = 1_000_000L;

    @Test
    void anEchoRunsAcrossTheWrapOfTheNanosecondClock() throws Exception
    {
        final long startNs = System.nanoTime();
        final LongSupplier aboutToWrap = () -> Long.MAX_VALUE - 300 * MS + (System.nanoTime() - startNs);
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults(), aboutToWrap))
        {
            final RudpSocket server = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            server.listen(server.localAddress().getPort(), TestEcho::attach);
            final RudpSocket client = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            // The writer streams until the loop's clock is 300 ms past the wrap, digesting what it sends.
            final CompletableFuture<byte[]> sent = CompletableFuture.supplyAsync(() ->
            {
                try (OutputStream out = c.outputStream())
                {
                    final MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    final SplittableRandom random = new SplittableRandom(9);
                    final byte[] chunk = new byte[64 * 1024];
                    long nowNs;
                    while ((nowNs = aboutToWrap.getAsLong()) > 0 || nowNs - Long.MIN_VALUE < 300 * MS)
                    {
                        random.nextBytes(chunk);
                        out.write(chunk);
                        digest.update(chunk);
                    }
                    return digest.digest();
                }
                catch (final Exception e)
                {
                    c.abort();
                    throw new IllegalStateException(e);
                }
            });
            final MessageDigest echoed = MessageDigest.getInstance("SHA-256");
            long echoedBytes = 0;
            try (InputStream in = c.inputStream())
            {
                final byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0)
                {
                    echoed.update(buffer, 0, n);
                    echoedBytes += n;
                }
            }
            assertArrayEquals(sent.get(30, TimeUnit.SECONDS), echoed.digest(), "every byte echoed, in order");
            assertTrue(aboutToWrap.getAsLong() < 0, "the clock wrapped during the transfer");
            System.out.printf("echoed %d bytes across the wrap of the nanosecond clock%n", echoedBytes);
        }
    }
}
