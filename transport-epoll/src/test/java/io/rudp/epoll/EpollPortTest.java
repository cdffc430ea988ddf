package io.rudp.epoll;

import io.netty.channel.epoll.EpollDatagramChannel;
import io.rudp.nio.DatagramPort;
import io.rudp.nio.LoopBackend;
import io.rudp.nio.LoopConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two epoll ports on loopback, one turn at a time: how a run of datagrams goes out and comes in. */
class EpollPortTest
{
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @BeforeAll
    static void epollIsHere()
    {
        Assumptions.assumeTrue(EpollTransport.isAvailable(),
            () -> "skipped: the epoll transport is unavailable here: " + EpollTransport.unavailabilityCause());
    }

    /** The turns of a backend that sends one run from port {@code a} to port {@code b}, then collects what {@code b} reads. */
    private static final class OneRun implements LoopBackend.Turns
    {
        final CompletableFuture<List<byte[]>> received = new CompletableFuture<>();
        final List<byte[]> datagrams;
        final List<byte[]> arrived = new ArrayList<>();
        /** Set by the test's thread once both are open; read by the event loop's. */
        volatile EpollPort a;
        volatile EpollPort b;
        boolean sent;
        int arrivedBytes;
        volatile boolean running = true;

        OneRun(final List<byte[]> datagrams)
        {
            this.datagrams = datagrams;
        }

        @Override
        public int turn()
        {
            if (a == null || b == null)
            {
                return 0;
            }
            if (!sent)
            {
                sent = true;
                for (final byte[] d : datagrams)
                {
                    assertTrue(a.send(ByteBuffer.wrap(d), b.localAddress()));
                }
                a.flushed(false);
            }
            final ByteBuffer rx = ByteBuffer.allocate(65_536);
            InetSocketAddress from;
            while ((from = b.receive(rx.clear())) != null)
            {
                assertEquals(a.localAddress(), from);
                rx.flip();
                final byte[] d = new byte[rx.remaining()];
                rx.get(d);
                arrived.add(d);
                arrivedBytes += d.length;
            }
            if (arrivedBytes >= datagrams.stream().mapToInt(d -> d.length).sum())
            {
                received.complete(List.copyOf(arrived));
            }
            return 0;
        }

        @Override
        public long nextDeadlineNs()
        {
            return Long.MAX_VALUE;
        }

        @Override
        public long nowNs()
        {
            return System.nanoTime();
        }

        @Override
        public boolean running()
        {
            return running;
        }

        @Override
        public boolean queued()
        {
            return false;
        }

        @Override
        public void died(final Throwable cause)
        {
            received.completeExceptionally(cause);
        }

        @Override
        public void stopped()
        {
        }
    }

    @Test
    @Timeout(30)
    void aHundredAndTwentyDatagramsSentInOneTurnGoAsManyGsoWritesAndArriveIntactAndInOrder() throws Exception
    {
        final List<byte[]> datagrams = new ArrayList<>();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        // 144 KB: three GSO writes of at most 64 KB. All of it waits in the receiver's socket buffer until
        // the turn ends (both ports share the thread), so it stays well under the smallest buffer a
        // kernel gives by default (net.core.rmem_max 208 KiB, doubled).
        for (int i = 0; i < 120; i++)
        {
            final byte[] d = new byte[1_200];
            random.nextBytes(d);
            datagrams.add(d);
        }
        final List<byte[]> arrived = exchange(new OneRun(datagrams));
        assertEquals(datagrams.size(), arrived.size());
        for (int i = 0; i < datagrams.size(); i++)
        {
            assertArrayEquals(datagrams.get(i), arrived.get(i), "datagram " + i);
        }
    }

    /** Runs {@code turns} on a backend of its own; {@return what port b read} */
    private static List<byte[]> exchange(final OneRun turns) throws Exception
    {
        final EpollBackend backend = new EpollBackend(LoopConfig.builder().threadName("epoll-port-test").build(), turns);
        try
        {
            final DatagramPort a = backend.open(ANY_LOOPBACK, null, false);
            final DatagramPort b = backend.open(ANY_LOOPBACK, null, false);
            backend.register(a, backend::wakeup);
            backend.register(b, backend::wakeup);
            turns.a = (EpollPort)a;
            turns.b = (EpollPort)b;
            backend.start();
            return turns.received.get(20, TimeUnit.SECONDS);
        }
        finally
        {
            turns.running = false;
            backend.wakeup();
            backend.join();
        }
    }

    @Test
    @Timeout(30)
    void aRunOfEqualDatagramsGoesOutAsOneGsoWriteAndArrivesOneByOneIntactAndInOrder() throws Exception
    {
        final List<byte[]> datagrams = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            final byte[] d = new byte[i == 9 ? 500 : 1_200]; // a run's last datagram may be shorter
            java.util.Arrays.fill(d, (byte)i);
            d[0] = (byte)(100 + i);
            datagrams.add(d);
        }
        final OneRun turns = new OneRun(datagrams);
        final List<byte[]> arrived = exchange(turns);
        if (EpollDatagramChannel.isSegmentedDatagramPacketSupported())
        {
            assertTrue(turns.b.readsCoalesced(), "this kernel can coalesce (UDP GRO), and the port asked it to");
        }
        assertEquals(datagrams.size(), arrived.size(), "one datagram read for each sent, none merged");
        for (int i = 0; i < datagrams.size(); i++)
        {
            assertArrayEquals(datagrams.get(i), arrived.get(i), "datagram " + i);
        }
    }
}
