package io.rudp.epoll;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import io.rudp.nio.testkit.ReusePortCheck;
import io.rudp.nio.testkit.TestEcho;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The epoll transport on loopback: talking to the NIO transport, and several loops on one port. */
class EpollTransportTest
{
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int RUDP_PORT = 9;

    @BeforeAll
    static void epollIsHere()
    {
        Assumptions.assumeTrue(EpollTransport.isAvailable(),
            () -> "skipped: the epoll transport is unavailable here: " + EpollTransport.unavailabilityCause());
    }

    private static byte[] exchange(final RudpConnection c, final byte[] request) throws Exception
    {
        final CompletableFuture<byte[]> response = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return c.readTimeout(Duration.ofSeconds(20)).inputStream().readAllBytes();
            }
            catch (final Exception e)
            {
                throw new IllegalStateException(e);
            }
        });
        c.outputStream().write(request);
        c.shutdownOutput();
        return response.get(30, TimeUnit.SECONDS);
    }

    /**
     * Loopback's 64 KiB datagrams, and Ethernet's 1472-byte ones, which the epoll side gathers into
     * GSO writes.
     */
    @ParameterizedTest
    @ValueSource(ints = {65_507, 1_472})
    @Timeout(60)
    void anEpollServerAndANioClientMoveFourMegabytesBothWays(final int datagramBytes) throws Exception
    {
        final byte[] request = new byte[4 << 20];
        new SplittableRandom(7).nextBytes(request);
        final RudpConfig config = RudpConfig.builder().maxDatagramBytes(datagramBytes).build();
        try (RudpLoop server = EpollTransport.start(LoopConfig.builder().threadName("epoll-server").build());
             RudpLoop client = RudpLoop.start(LoopConfig.builder().threadName("nio-client").build()))
        {
            final RudpSocket socket = server.bind(ANY_LOOPBACK, config);
            socket.listen(RUDP_PORT, TestEcho::attach);
            final RudpConnection c = client.bind(ANY_LOOPBACK, config)
                .connect(socket.localAddress(), RUDP_PORT, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
            assertArrayEquals(request, exchange(c, request));
            assertEquals(io.rudp.core.connection.CloseReason.NORMAL, c.closeFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @Timeout(60)
    void twoEpollLoopsMoveFourMegabytesInEthernetSizedDatagramsNoneOfThemCoalesced() throws Exception
    {
        // The sender gathers its datagrams into GSO writes and the receiving kernel hands them back
        // coalesced (UDP GRO); rudp must still get them one by one (once, GRO read with recvmmsg
        // handed rudp whole runs, dropped as too large).
        final byte[] request = new byte[4 << 20];
        new SplittableRandom(8).nextBytes(request);
        final RudpConfig config = RudpConfig.builder().maxDatagramBytes(1472).build();
        try (RudpLoop server = EpollTransport.start(LoopConfig.builder().threadName("epoll-server").build());
             RudpLoop client = EpollTransport.start(LoopConfig.builder().threadName("epoll-client").build()))
        {
            final RudpSocket socket = server.bind(ANY_LOOPBACK, config);
            socket.listen(RUDP_PORT, TestEcho::attach);
            final RudpSocket clientSocket = client.bind(ANY_LOOPBACK, config);
            final RudpConnection c = clientSocket.connect(socket.localAddress(), RUDP_PORT, Duration.ofSeconds(10))
                .get(10, TimeUnit.SECONDS);
            assertArrayEquals(request, exchange(c, request));
            for (final RudpSocket s : List.of(socket, clientSocket))
            {
                assertEquals(0L, s.dropCounts().get(5, TimeUnit.SECONDS).get(io.rudp.core.codec.DropReason.TOO_LARGE),
                    s + " was handed datagrams larger than any sent: runs of them, coalesced");
            }
        }
    }

    @Test
    @Timeout(60)
    void junkFiredAtAnEpollServerDuringATransferIsDroppedAndCountedAndTheTransferArrivesIntact() throws Exception
    {
        final byte[] request = new byte[2 << 20];
        new SplittableRandom(9).nextBytes(request);
        try (RudpLoop server = EpollTransport.start(LoopConfig.builder().threadName("epoll-server").build());
             RudpLoop client = RudpLoop.start(LoopConfig.builder().threadName("nio-client").build());
             java.nio.channels.DatagramChannel attacker = java.nio.channels.DatagramChannel.open())
        {
            final RudpSocket socket = server.bind(ANY_LOOPBACK, RudpConfig.defaults());
            socket.listen(RUDP_PORT, TestEcho::attach);
            final RudpConnection c = client.bind(ANY_LOOPBACK, RudpConfig.defaults())
                .connect(socket.localAddress(), RUDP_PORT, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
            final CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return exchange(c, request);
                }
                catch (final Exception e)
                {
                    throw new IllegalStateException(e);
                }
            });
            // From another socket: too short, then header-sized garbage (its CRC32C cannot match).
            attacker.bind(ANY_LOOPBACK);
            final SplittableRandom random = new SplittableRandom(10);
            for (int i = 0; i < 200; i++)
            {
                final byte[] junk = new byte[i % 2 == 0 ? 7 : 60 + random.nextInt(1000)];
                random.nextBytes(junk);
                attacker.send(java.nio.ByteBuffer.wrap(junk), socket.localAddress());
            }
            assertArrayEquals(request, echoed.get(40, TimeUnit.SECONDS));
            final java.util.Map<io.rudp.core.codec.DropReason, Long> drops = socket.dropCounts().get(5, TimeUnit.SECONDS);
            final long total = drops.values().stream().mapToLong(Long::longValue).sum();
            assertTrue(drops.get(io.rudp.core.codec.DropReason.TOO_SHORT) >= 100 && total >= 200,
                "every junk datagram dropped and counted: " + drops);
        }
    }

    @Test
    @Timeout(60)
    void twoEpollLoopsOnOnePortEachAcceptTheConnectionsTheKernelHandsThem() throws Exception
    {
        ReusePortCheck.twoLoopsOnOnePortEachAcceptAndServe(EpollTransport::start);
    }

    @Test
    @Timeout(30)
    void closingAnEpollLoopStopsItsThread() throws Exception
    {
        final String name = "epoll-closing";
        final RudpLoop loop = EpollTransport.start(LoopConfig.builder().threadName(name).build());
        loop.bind(ANY_LOOPBACK, RudpConfig.defaults());
        assertTrue(loop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS).equals(name),
            "the loop's work runs on its epoll thread");
        loop.close();
        assertTrue(loop.terminationFuture().isDone());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive()),
            "the epoll thread outlived close()");
    }
}
