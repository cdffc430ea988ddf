package io.rudp.nio.testkit;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several loops serving one UDP port ({@link LoopConfig#reusePort()}), for any transport: two
 * server loops bind the same port, 32 clients (each its own source port, so the kernel spreads
 * them by hash) connect and exchange a request with an echo, and both loops must have accepted some.
 */
public final class ReusePortCheck
{
    private static final int CLIENTS = 32;
    private static final int RUDP_PORT = 7;
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private ReusePortCheck()
    {
    }

    /**
     * Runs the check.
     *
     * @param start starts a loop of the transport under test with the given settings
     * @throws Exception if anything fails on the way (an assertion fails the test)
     */
    public static void twoLoopsOnOnePortEachAcceptAndServe(final Function<LoopConfig, RudpLoop> start) throws Exception
    {
        final AtomicInteger[] accepted = {new AtomicInteger(), new AtomicInteger()};
        try (RudpLoop first = start.apply(LoopConfig.builder().reusePort(true).threadName("reuse-0").build());
             RudpLoop second = start.apply(LoopConfig.builder().reusePort(true).threadName("reuse-1").build());
             RudpLoop clients = start.apply(LoopConfig.builder().threadName("reuse-clients").build()))
        {
            final RudpSocket a = first.bind(ANY_LOOPBACK, RudpConfig.defaults());
            final RudpSocket b = second.bind(a.localAddress(), RudpConfig.defaults());
            assertEquals(a.localAddress(), b.localAddress(), "one UDP port, two loops");
            a.listen(RUDP_PORT, c -> { accepted[0].incrementAndGet(); TestEcho.attach(c); });
            b.listen(RUDP_PORT, c -> { accepted[1].incrementAndGet(); TestEcho.attach(c); });
            final List<RudpConnection> connections = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++)
            {
                connections.add(clients.bind(ANY_LOOPBACK, RudpConfig.defaults())
                    .connect(a.localAddress(), RUDP_PORT, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS));
            }
            for (int i = 0; i < CLIENTS; i++)
            {
                final byte[] request = ("request " + i).getBytes(StandardCharsets.US_ASCII);
                final RudpConnection c = connections.get(i);
                c.outputStream().write(request);
                c.shutdownOutput();
                assertArrayEquals(request, c.readTimeout(Duration.ofSeconds(10)).inputStream().readAllBytes(),
                    "connection " + i + " was served by the loop that accepted it");
            }
            assertEquals(CLIENTS, accepted[0].get() + accepted[1].get());
            assertTrue(accepted[0].get() > 0 && accepted[1].get() > 0,
                "both loops accepted connections: " + accepted[0] + " and " + accepted[1]);
        }
    }
}
