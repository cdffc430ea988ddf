package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.conformance.ConformanceHarness;
import io.rudp.core.connection.CloseReason;
import io.rudp.core.timer.Deadlines;
import io.rudp.nio.testkit.ConnectionPeer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * The conformance suite through the NIO loop's own code (its turns, the hand-off between the API
 * and the loop, the sockets' receive and flush), turned one step at a time by the test's thread
 * over a {@link MemoryNetwork}, in virtual time: deterministic, exact in time, and no real socket.
 * A step runs one loop turn and delivers what is due; when neither did anything, the clock jumps to
 * the next timer or delivery. The application calls are the non-blocking ones
 * ({@link RudpConnection#write}, {@link RudpConnection#read}), since the test's thread is the loop's.
 */
final class EmbeddedHarness implements ConformanceHarness
{
    /** An arbitrary clock origin: nothing may assume a clock starts at 0. */
    private static final long ORIGIN_NS = 4_666_123_456_789L;
    /** 10 ms each way, as the simulator's harness. */
    private static final long ONE_WAY_DELAY_NS = 10_000_000L;
    /** Every wait fails after this much virtual time... */
    private static final long MAX_WAIT_NS = 600_000_000_000L;
    /** ...or this many steps. */
    private static final long MAX_STEPS = 5_000_000L;

    private final MemoryNetwork network = new MemoryNetwork(ORIGIN_NS, ONE_WAY_DELAY_NS, 20261203L);
    private final RudpLoop loop = RudpLoop.embedded(LoopConfig.defaults(), network::nowNs);

    private void runUntil(final BooleanSupplier done)
    {
        final long startNs = network.nowNs();
        long steps = 0;
        while (!done.getAsBoolean())
        {
            if (++steps > MAX_STEPS || network.nowNs() - startNs > MAX_WAIT_NS)
            {
                throw new IllegalStateException("not done after " + steps + " steps, "
                    + (network.nowNs() - startNs) / 1_000_000 + " ms of virtual time");
            }
            step();
        }
    }

    /** One loop turn and the deliveries due; if neither did anything, time moves to what comes next. */
    private void step()
    {
        final int work;
        try
        {
            work = loop.runTurn();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        if (work + network.deliverDue() > 0)
        {
            return;
        }
        final long nextNs = Deadlines.earlier(loop.nextDeadlineNs(), network.nextDeliveryNs());
        if (nextNs == Long.MAX_VALUE)
        {
            throw new IllegalStateException("nothing left to happen: no timer armed, nothing in flight");
        }
        network.advanceTo(nextNs);
    }

    private <T> T await(final CompletableFuture<T> future)
    {
        runUntil(future::isDone);
        try
        {
            return future.join();
        }
        catch (final CompletionException e)
        {
            if (e.getCause() instanceof RudpException failure)
            {
                throw new ConnectFailed(failure.reason());
            }
            throw e;
        }
    }

    private RudpSocket socket(final RudpConfig config)
    {
        final MemoryNetwork.Port port = network.open();
        try
        {
            final RudpSocket socket = loop.attach(port, config);
            port.socket(socket);
            return socket;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private final class EmbeddedServer implements Server
    {
        private final RudpSocket socket;
        private final RudpListener listener;

        EmbeddedServer(final RudpSocket socket, final int port)
        {
            this.socket = socket;
            this.listener = socket.listen(port);
        }

        @Override
        public Peer accept()
        {
            return new EmbeddedPeer(await(listener.accept()));
        }
    }

    private final class EmbeddedPeer extends ConnectionPeer
    {
        EmbeddedPeer(final RudpConnection connection)
        {
            super(connection);
        }

        @Override
        public void write(final byte[] bytes)
        {
            final ByteBuffer src = ByteBuffer.wrap(bytes);
            runUntil(() ->
            {
                try
                {
                    connection.write(src);
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException(e);
                }
                return !src.hasRemaining();
            });
        }

        @Override
        public byte[] readToEnd()
        {
            final ByteArrayOutputStream received = new ByteArrayOutputStream();
            final ByteBuffer dst = ByteBuffer.allocate(64 * 1024);
            runUntil(() ->
            {
                try
                {
                    final int n = connection.read(dst.clear());
                    received.write(dst.array(), 0, Math.max(n, 0));
                    return n < 0;
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException(e);
                }
            });
            return received.toByteArray();
        }

        @Override
        public CloseReason awaitClosed()
        {
            return await(connection.closeFuture());
        }
    }

    @Override
    public Server listen(final int port, final RudpConfig config)
    {
        return new EmbeddedServer(socket(config), port);
    }

    @Override
    public Peer connect(final Server server, final int port, final Path path, final RudpConfig config)
    {
        final RudpSocket client = socket(config);
        if (path == Path.IMPAIRED)
        {
            network.impair(client.localAddress(), 0.05, 0.03);
        }
        final InetSocketAddress serverAddress = ((EmbeddedServer)server).socket.localAddress();
        return new EmbeddedPeer(await(client.connect(serverAddress, port, RudpSocket.DEFAULT_CONNECT_TIMEOUT)));
    }

    @Override
    public void cutPaths()
    {
        network.cut();
    }

    @Override
    public CloseReason connectToSilentHost(final RudpConfig config, final int synRetries)
    {
        final InetSocketAddress nowhere = network.nowhere();
        try
        {
            await(socket(config).connect(nowhere, nowhere.getPort(), RudpSocket.DEFAULT_CONNECT_TIMEOUT));
            throw new AssertionError("connected to an address where nobody is");
        }
        catch (final ConnectFailed failed)
        {
            return failed.reason();
        }
    }

    /** {@return datagrams the impaired paths lost (the harness's own check that impairing impairs)} */
    long lostDatagrams()
    {
        return network.lostDatagrams();
    }

    @Override
    public long nowNs()
    {
        return network.nowNs();
    }

    @Override
    public boolean exactTime()
    {
        return true;
    }

    @Override
    public void close()
    {
        loop.closeEmbedded();
    }
}
