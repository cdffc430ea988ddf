package io.rudp.core.conformance;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.Event;
import io.rudp.core.connection.EventType;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.SimNode;
import io.rudp.core.sim.Simulator;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The conformance suite in the simulator: virtual time (timers wake exactly at their deadlines),
 * 10 ms one-way links, every host a {@link SimNode}. Each wait runs the simulation until its
 * condition holds, for at most ten virtual minutes.
 */
public final class SimulatorHarness implements ConformanceHarness
{
    private static final long DELAY_NS = 10_000_000L;
    private static final long MAX_WAIT_NS = 600_000_000_000L;

    private final Simulator sim;
    private final List<SimNode[]> paths = new ArrayList<>();
    private int hosts;

    public SimulatorHarness(final long seed)
    {
        sim = new Simulator(seed).timerGranularityNs(1);
    }

    private void runUntil(final BooleanSupplier done)
    {
        sim.runUntil(done, sim.nowNs() + MAX_WAIT_NS);
    }

    /** A server host and the connections it accepted, in order. */
    private final class SimServer implements Server
    {
        private final SimNode node;
        private final ArrayDeque<SimPeer> accepted = new ArrayDeque<>();

        SimServer(final SimNode node)
        {
            this.node = node;
        }

        @Override
        public Peer accept()
        {
            runUntil(() -> !accepted.isEmpty());
            return accepted.pollFirst();
        }
    }

    /** One end of a connection: what arrives is kept, what is written waits for room. */
    private final class SimPeer implements Peer, SimNode.Handler
    {
        private Connection connection;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final ByteBuffer readBuffer = ByteBuffer.allocate(65536);
        private ByteBuffer pending = ByteBuffer.allocate(0);
        private boolean shutdownPending;
        private boolean connected;
        private boolean endOfStream;
        /** The application closed or aborted: it reads no more. */
        private boolean closedByApplication;

        @Override
        public void onEvent(final SimNode at, final Event event)
        {
            connection = event.connection();
            if (event.type() == EventType.CONNECTED)
            {
                connected = true;
            }
            if (event.type() == EventType.READABLE || event.type() == EventType.PEER_CLOSED)
            {
                drainReceived();
            }
            flush();
        }

        private void drainReceived()
        {
            if (closedByApplication || endOfStream)
            {
                return;
            }
            int n;
            while ((n = connection.read(readBuffer.clear())) > 0)
            {
                received.write(readBuffer.array(), 0, n);
            }
            if (n < 0)
            {
                endOfStream = true;
            }
        }

        private void flush()
        {
            if (connection == null || !connected || connection.state() == ConnectionState.CLOSED)
            {
                return;
            }
            if (pending.hasRemaining())
            {
                connection.write(pending);
            }
            if (!pending.hasRemaining() && shutdownPending)
            {
                shutdownPending = false;
                connection.shutdownOutput();
            }
        }

        @Override
        public void write(final byte[] bytes)
        {
            final ByteBuffer more = ByteBuffer.allocate(pending.remaining() + bytes.length);
            more.put(pending).put(bytes).flip();
            pending = more;
            flush();
            sim.flush();
        }

        @Override
        public void shutdownOutput()
        {
            shutdownPending = true;
            flush();
            sim.flush();
        }

        @Override
        public void close()
        {
            runUntil(() -> !pending.hasRemaining() || connection.state() == ConnectionState.CLOSED);
            closedByApplication = true;
            connection.close(sim.engineNowNs());
            sim.flush();
        }

        @Override
        public void abort()
        {
            closedByApplication = true;
            connection.abort();
            sim.flush();
        }

        @Override
        public byte[] readToEnd()
        {
            runUntil(() -> endOfStream);
            return received.toByteArray();
        }

        @Override
        public CloseReason awaitClosed()
        {
            runUntil(() -> connection.closeReason() != CloseReason.NONE);
            return connection.closeReason();
        }
    }

    @Override
    public Server listen(final int port, final RudpConfig config)
    {
        final SimNode node = sim.addNode("server" + ++hosts, config);
        final SimServer server = new SimServer(node);
        node.listen(port, connection ->
        {
            final SimPeer peer = new SimPeer();
            server.accepted.addLast(peer);
            return peer;
        });
        return server;
    }

    @Override
    public Peer connect(final Server server, final int port, final Path path, final RudpConfig config)
    {
        final SimNode serverNode = ((SimServer)server).node;
        final SimNode client = sim.addNode("client" + ++hosts, config);
        LinkConfig link = LinkConfig.ideal().withDelayNs(DELAY_NS);
        if (path == Path.IMPAIRED)
        {
            link = link.withLoss(0.05, 1).withReordering(0.03, DELAY_NS);
        }
        sim.link(client, serverNode, link);
        paths.add(new SimNode[] {client, serverNode});
        final SimPeer peer = new SimPeer();
        final Connection connection = client.connect(serverNode, 0, port, peer);
        peer.connection = connection;
        runUntil(() -> peer.connected || connection.closeReason() != CloseReason.NONE);
        if (!peer.connected)
        {
            throw new ConnectFailed(connection.closeReason());
        }
        return peer;
    }

    @Override
    public void cutPaths()
    {
        for (final SimNode[] ends : paths)
        {
            sim.cut(ends[0], ends[1]);
        }
    }

    @Override
    public CloseReason connectToSilentHost(final RudpConfig config, final int synRetries)
    {
        final SimNode client = sim.addNode("client" + ++hosts, config);
        final SimPeer peer = new SimPeer();
        // No host of the simulation is at 127.0.0.200, so the SYNs go nowhere.
        final Connection connection = client.connect(new InetSocketAddress("127.0.0.200", 9000), 0, 7, peer);
        peer.connection = connection;
        runUntil(() -> connection.closeReason() != CloseReason.NONE);
        return connection.closeReason();
    }

    @Override
    public long nowNs()
    {
        return sim.nowNs();
    }

    @Override
    public boolean exactTime()
    {
        return true;
    }

    @Override
    public void close()
    {
        // nothing outlives the simulation
    }
}
