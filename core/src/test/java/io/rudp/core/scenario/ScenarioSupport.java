package io.rudp.core.scenario;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.SimNode;
import io.rudp.core.sim.Simulator;
import io.rudp.core.sim.StreamSender;
import io.rudp.core.sim.StreamSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared set-up for the scenarios of {@code scenarios.md}: a client and a server over one link pair. */
final class ScenarioSupport
{
    static final int SERVER_PORT = 443;
    static final long SECOND_NS = 1_000_000_000L;

    /** Seed from {@code -Drudp.seed=N} to replay a failure, else the test's own. */
    static long seed(final long defaultSeed)
    {
        final String s = System.getProperty("rudp.seed");
        return s == null ? defaultSeed : Long.parseLong(s);
    }

    static RudpConfig config()
    {
        return RudpConfig.builder().isnSecret(0x1234, 0x5678).build();
    }

    final Simulator sim;
    final SimNode client;
    final SimNode server;
    final List<StreamSender> senders = new ArrayList<>();
    final List<StreamSink> sinks = new ArrayList<>();

    ScenarioSupport(final long seed, final LinkConfig link)
    {
        this(seed, link, link, config(), config());
    }

    ScenarioSupport(final long seed, final LinkConfig toServer, final LinkConfig toClient, final RudpConfig clientConfig,
        final RudpConfig serverConfig)
    {
        this(new Simulator(seed), toServer, toClient, clientConfig, serverConfig);
    }

    ScenarioSupport(final Simulator sim, final LinkConfig toServer, final LinkConfig toClient,
        final RudpConfig clientConfig, final RudpConfig serverConfig)
    {
        this(sim, toServer, toClient, clientConfig, serverConfig, io.rudp.core.buffer.MemoryBudget.unlimited());
    }

    ScenarioSupport(final Simulator sim, final LinkConfig toServer, final LinkConfig toClient,
        final RudpConfig clientConfig, final RudpConfig serverConfig, final io.rudp.core.buffer.MemoryBudget serverBudget)
    {
        this.sim = sim;
        client = sim.addNode("client", clientConfig);
        server = sim.addNode("server", serverConfig, serverBudget);
        sim.link(client, server, toServer, toClient);
        server.listen(SERVER_PORT, c ->
        {
            final StreamSink sink = new StreamSink(false);
            sinks.add(sink);
            return sink;
        });
    }

    /** Opens {@code count} connections, each sending {@code bytes[i]} bytes and then closing. */
    void startTransfers(final long... bytes)
    {
        for (final long n : bytes)
        {
            final StreamSender sender = new StreamSender(n, sim.newRandom(), true);
            senders.add(sender);
            client.connect(server, 0, SERVER_PORT, sender);
        }
    }

    boolean allDone()
    {
        return sinks.size() == senders.size()
            && senders.stream().allMatch(s -> s.terminal() != null)
            && sinks.stream().allMatch(s -> s.terminal() != null);
    }

    /** Every connection delivered exactly the sent bytes, ended CLOSED, and nothing is left after TIME-WAIT. */
    void assertAllExactAndClosed()
    {
        assertEquals(senders.size(), sinks.size(), "connections accepted (" + sim.replay() + ")");
        // Sinks are matched to senders by content, since accept order may differ from connect order.
        final List<byte[]> sent = new ArrayList<>();
        senders.forEach(s -> sent.add(s.sentDigest()));
        for (final StreamSink sink : sinks)
        {
            final byte[] got = sink.digest();
            final boolean matched = sent.removeIf(d -> Arrays.equals(d, got));
            assertEquals(true, matched, "a receiver's bytes match no sender's (" + sim.replay() + ")");
            assertEquals("CLOSED", String.valueOf(sink.terminal()), "receiver ended (" + sim.replay() + ")");
        }
        for (final StreamSender sender : senders)
        {
            assertEquals(true, sender.allWritten(), "sender wrote everything (" + sim.replay() + ")");
            assertEquals("CLOSED", String.valueOf(sender.terminal()), "sender ended (" + sim.replay() + ")");
        }
        sim.runUntil(() -> client.endpoint().connectionCount() == 0 && server.endpoint().connectionCount() == 0,
            sim.nowNs() + 200 * SECOND_NS);
    }

    /** Goodput as a fraction of the link rate, from the first connect to the last byte delivered. */
    double goodputFraction(final long bitsPerSecond)
    {
        long bytes = 0;
        long endNs = 0;
        for (final StreamSink sink : sinks)
        {
            bytes += sink.received();
            endNs = Math.max(endNs, sink.eofAtNs());
        }
        final double seconds = endNs / 1e9;
        return bytes * 8.0 / seconds / bitsPerSecond;
    }
}
