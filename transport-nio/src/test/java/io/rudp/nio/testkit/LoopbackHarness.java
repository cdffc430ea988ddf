package io.rudp.nio.testkit;

import io.rudp.core.conformance.ConformanceHarness;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpException;
import io.rudp.nio.RudpListener;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The conformance suite over real UDP on loopback, through one {@link RudpLoop} of any transport
 * (NIO by default): a socket per host, and every client reaching its server through an
 * {@link ImpairingRelay} (so a path can lose, reorder or be cut). Every wait is bounded (30 s);
 * time is the wall clock.
 */
public final class LoopbackHarness implements ConformanceHarness
{
    private static final long WAIT_SECONDS = 30;
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final RudpLoop loop;

    /** Over the default (NIO) loop. */
    public LoopbackHarness()
    {
        this(RudpLoop.start(LoopConfig.defaults()));
    }

    /**
     * Over {@code loop} (another transport's), which the harness closes.
     *
     * @param loop the loop every host of the harness binds on
     */
    public LoopbackHarness(final RudpLoop loop)
    {
        this.loop = loop;
    }
    private final List<ImpairingRelay> relays = new ArrayList<>();

    private static <T> T await(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException e)
        {
            if (e.getCause() instanceof RudpException failure)
            {
                throw new ConnectFailed(failure.reason());
            }
            throw new IllegalStateException(e.getCause());
        }
        catch (final InterruptedException | TimeoutException e)
        {
            throw new IllegalStateException("not done within " + WAIT_SECONDS + " s", e);
        }
    }

    private static final class NioServer implements Server
    {
        private final RudpSocket socket;
        private final RudpListener listener;

        NioServer(final RudpSocket socket, final int port)
        {
            this.socket = socket;
            this.listener = socket.listen(port);
        }

        @Override
        public Peer accept()
        {
            return new NioPeer(await(listener.accept()));
        }
    }

    /** A connection used as {@code java.net.Socket} users do: blocking streams, bounded by a read timeout. */
    private static final class NioPeer extends ConnectionPeer
    {
        NioPeer(final RudpConnection connection)
        {
            super(connection.readTimeout(Duration.ofSeconds(WAIT_SECONDS)));
        }

        @Override
        public void write(final byte[] bytes)
        {
            try
            {
                connection.outputStream().write(bytes); // blocks until all of it is buffered
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] readToEnd()
        {
            try
            {
                return connection.inputStream().readAllBytes();
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CloseReason awaitClosed()
        {
            return await(connection.closeFuture());
        }
    }

    private RudpSocket bind(final RudpConfig config)
    {
        try
        {
            return loop.bind(ANY_LOOPBACK, config);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Server listen(final int port, final RudpConfig config)
    {
        return new NioServer(bind(config), port);
    }

    @Override
    public Peer connect(final Server server, final int port, final Path path, final RudpConfig config)
    {
        final ImpairingRelay relay;
        try
        {
            relay = path == Path.IMPAIRED
                ? new ImpairingRelay(((NioServer)server).socket.localAddress(), 20261203L, 0.05, 0, 0.03, 0)
                : new ImpairingRelay(((NioServer)server).socket.localAddress(), 1, 0, 0, 0, 0);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        relays.add(relay);
        return new NioPeer(await(bind(config).connect(relay.address(), port, Duration.ofSeconds(10))));
    }

    @Override
    public void cutPaths()
    {
        relays.forEach(ImpairingRelay::cut);
    }

    @Override
    public CloseReason connectToSilentHost(final RudpConfig config, final int synRetries)
    {
        // A bound UDP socket that never reads: the SYNs go nowhere, and no ICMP comes back either.
        try (DatagramChannel silent = DatagramChannel.open())
        {
            silent.bind(ANY_LOOPBACK);
            final InetSocketAddress target = (InetSocketAddress)silent.getLocalAddress();
            await(bind(config).connect(target, target.getPort(), Duration.ofMillis(500)));
            throw new AssertionError("connected to a socket that never answers");
        }
        catch (final ConnectFailed failed)
        {
            return failed.reason();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long nowNs()
    {
        return System.nanoTime();
    }

    @Override
    public boolean exactTime()
    {
        return false;
    }

    @Override
    public void close()
    {
        for (final ImpairingRelay relay : relays)
        {
            try
            {
                relay.close();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        loop.close();
    }
}
