package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several loops serving one UDP port (SO_REUSEPORT), on loopback. */
class ReusePortLoopbackTest
{
    private static final int CLIENTS = 32;
    private static final int RUDP_PORT = 7;

    @Test
    @Timeout(30)
    void twoLoopsOnOnePortEachAcceptAndServeTheConnectionsTheKernelHandsThem() throws Exception
    {
        final AtomicInteger[] accepted = {new AtomicInteger(), new AtomicInteger()};
        try (RudpLoop first = RudpLoop.start(LoopConfig.builder().reusePort(true).threadName("reuse-0").build());
             RudpLoop second = RudpLoop.start(LoopConfig.builder().reusePort(true).threadName("reuse-1").build());
             RudpLoop clients = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket a = first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), RudpConfig.defaults());
            final RudpSocket b = second.bind(a.localAddress(), RudpConfig.defaults());
            assertEquals(a.localAddress(), b.localAddress(), "one UDP port, two loops");
            a.listen(RUDP_PORT, c -> { accepted[0].incrementAndGet(); TestEcho.attach(c); });
            b.listen(RUDP_PORT, c -> { accepted[1].incrementAndGet(); TestEcho.attach(c); });

            // Each client on a socket of its own (its own source port): the kernel spreads them by hash.
            final List<RudpConnection> connections = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++)
            {
                final RudpSocket socket = clients.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    RudpConfig.defaults());
                connections.add(socket.connect(a.localAddress(), RUDP_PORT, java.time.Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS));
            }
            for (int i = 0; i < CLIENTS; i++)
            {
                final byte[] request = ("request " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                final RudpConnection c = connections.get(i);
                c.outputStream().write(request);
                c.shutdownOutput();
                assertArrayEquals(request, c.readTimeout(java.time.Duration.ofSeconds(10)).inputStream().readAllBytes(),
                    "connection " + i + " was served by the loop that accepted it");
            }
            assertEquals(CLIENTS, accepted[0].get() + accepted[1].get());
            assertTrue(accepted[0].get() > 0 && accepted[1].get() > 0,
                "both loops accepted connections: " + accepted[0] + " and " + accepted[1]);
        }
    }

    @Test
    @Timeout(10)
    void withoutReusePortASecondBindOfThePortFails() throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket a = loop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), RudpConfig.defaults());
            assertThrows(BindException.class, () -> loop.bind(a.localAddress(), RudpConfig.defaults()));
        }
    }
}
