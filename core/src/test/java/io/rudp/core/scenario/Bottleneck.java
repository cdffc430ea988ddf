package io.rudp.core.scenario;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.config.RudpConfigBuilder;
import io.rudp.core.connection.Connection;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.SimNode;
import io.rudp.core.sim.Simulator;
import io.rudp.core.sim.StreamSender;
import io.rudp.core.sim.StreamSink;
import io.rudp.core.stats.ConnectionCounters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk flows through one bottleneck, for the congestion-control scenarios: each flow has its own
 * client node (with its own congestion controller) and all of them share the link to one server,
 * queue and wire included. Measures goodput, retransmissions and queueing delay in virtual time.
 */
final class Bottleneck
{
    static final long SECOND_NS = 1_000_000_000L;
    private static final int SERVER_PORT = 443;

    final Simulator sim;
    final LinkConfig link;
    final SimNode server;
    final List<SimNode> clients = new ArrayList<>();
    final List<StreamSender> senders = new ArrayList<>();
    final List<Connection> connections = new ArrayList<>();
    private final Map<java.net.InetSocketAddress, StreamSink> sinksByClient = new HashMap<>();

    /** One flow per entry of {@code congestionControls}, over {@code link} in both directions. */
    Bottleneck(final long seed, final LinkConfig link, final String... congestionControls)
    {
        this(seed, link, b -> b, congestionControls);
    }

    /** As above, with each client's configuration adjusted by {@code clientConfig}. */
    Bottleneck(final long seed, final LinkConfig link,
        final java.util.function.UnaryOperator<RudpConfigBuilder> clientConfig, final String... congestionControls)
    {
        this.sim = new Simulator(seed);
        this.link = link;
        final RudpConfig serverConfig = RudpConfig.builder().isnSecret(0x1234, 0x5678).build();
        server = sim.addNode("server", serverConfig);
        for (final String cc : congestionControls)
        {
            final RudpConfig config = clientConfig.apply(RudpConfig.builder().isnSecret(0x1234, 0x5678)
                .congestionControl(cc)).build();
            clients.add(sim.addNode("client-" + cc + "-" + clients.size(), config));
        }
        sim.linkShared(clients, server, link, link.withBandwidth(0, Integer.MAX_VALUE).withLoss(link.lossRate(),
            link.maxLossBurst()));
        server.listen(SERVER_PORT, c ->
        {
            final StreamSink sink = new StreamSink(false);
            sinksByClient.put(c.remoteAddress(), sink);
            return sink;
        });
    }

    /** Starts every flow, each sending {@code bytes} and then closing. */
    Bottleneck start(final long bytes)
    {
        return start(bytes, 0, 0);
    }

    /**
     * As {@link #start(long)}, each flow writing a request of {@code requestBytes} first and the
     * rest {@code pauseNs} later (none with 0 bytes).
     */
    Bottleneck start(final long bytes, final int requestBytes, final long pauseNs)
    {
        for (final SimNode client : clients)
        {
            final StreamSender sender = new StreamSender(bytes, sim.newRandom(), true).requestFirst(requestBytes, pauseNs);
            senders.add(sender);
            connections.add(client.connect(server, 0, SERVER_PORT, sender));
        }
        return this;
    }

    StreamSink sink(final int flow)
    {
        return sinksByClient.get(clients.get(flow).address());
    }

    boolean allDone()
    {
        for (int i = 0; i < senders.size(); i++)
        {
            final StreamSink sink = sink(i);
            if (sink == null || !sink.eof() || senders.get(i).terminal() == null)
            {
                return false;
            }
        }
        return true;
    }

    /** Runs until every flow delivered everything, failing after {@code maxSeconds} of virtual time. */
    Bottleneck runToCompletion(final long maxSeconds)
    {
        sim.runUntil(this::allDone, maxSeconds * SECOND_NS);
        return this;
    }

    /** A flow's goodput as a fraction of the link: its bytes over the time from start to its last byte. */
    double goodputFraction(final int flow)
    {
        final StreamSink sink = sink(flow);
        return sink.received() * 8.0 / (sink.eofAtNs() / 1e9) / link.bitsPerSecond();
    }

    /** A flow's share of the link so far: bytes delivered over what the link could carry since time 0. */
    double shareOfLink(final int flow)
    {
        final StreamSink sink = sink(flow);
        final long received = sink == null ? 0 : sink.received();
        return received * 8.0 / (sim.nowNs() / 1e9) / link.bitsPerSecond();
    }

    ConnectionCounters counters(final int flow)
    {
        return connections.get(flow).counters();
    }

    /** Retransmitted segments as a percentage of data segments sent. */
    double retransmitPercent(final int flow)
    {
        final ConnectionCounters c = counters(flow);
        return 100.0 * c.retransmittedSegments / Math.max(1, c.segmentsSent);
    }

    /** Mean queueing delay at the bottleneck (toward the server), ns. */
    double meanQueueDelayNs()
    {
        return sim.meanQueueDelayNs(clients.get(0), server);
    }

    /** Mathis et al. (1997): the steady-state goodput of Reno-style control at loss rate p, as a fraction of the link. */
    static double mathisFraction(final LinkConfig link, final int mssBytes)
    {
        final double rttSeconds = 2.0 * link.delayNs() / 1e9;
        final double bps = mssBytes * 8.0 / rttSeconds * Math.sqrt(1.5) / Math.sqrt(link.lossRate());
        return Math.min(1.0, bps / link.bitsPerSecond());
    }
}
