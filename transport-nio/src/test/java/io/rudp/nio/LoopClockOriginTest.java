package io.rudp.nio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The real loop on an injected clock whose long wraps a second into the test: every stamp the loop
 * and the engine compare must survive it, as the simulator checks for the engine alone
 * ({@code ClockOriginScenarioTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopClockOriginTest
{
    @Test
    void anEchoRunsAcrossTheWrapOfTheNanosecondClock() throws Exception
    {
        final long startNs = System.nanoTime();
        final LongSupplier aboutToWrap = () -> Long.MAX_VALUE - 1_000_000_000L + (System.nanoTime() - startNs);
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults(), aboutToWrap))
        {
            final RudpSocket server = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            server.listen(server.localAddress().getPort(), TestEcho::attach);
            final RudpSocket client = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            final byte[] data = LoopbackSupport.randomBytes(9, 3_000_000);
            final Thread writer = new Thread(() ->
            {
                try (OutputStream out = c.outputStream())
                {
                    for (int off = 0; off < data.length; off += 100_000)
                    {
                        out.write(data, off, 100_000);
                        Thread.sleep(50); // spread the transfer over the wrap, a second in
                    }
                }
                catch (final Exception e)
                {
                    c.abort();
                }
            });
            writer.start();
            final byte[] echoed;
            try (InputStream in = c.inputStream())
            {
                echoed = in.readAllBytes();
            }
            writer.join();
            assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(echoed));
        }
    }
}
