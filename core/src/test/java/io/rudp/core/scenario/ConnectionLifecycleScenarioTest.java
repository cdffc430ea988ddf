package io.rudp.core.scenario;

import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.EventType;
import io.rudp.core.sim.LinkConfig;
import io.rudp.core.sim.SimNode;
import io.rudp.core.sim.Simulator;
import io.rudp.core.sim.StreamSender;
import io.rudp.core.sim.StreamSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rudp.core.scenario.ScenarioSupport.SECOND_NS;
import static io.rudp.core.scenario.ScenarioSupport.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The half-close, simultaneous-open and simultaneous-close rows of scenarios.md. */
class ConnectionLifecycleScenarioTest
{
    @Test
    void halfCloseServerKeepsSending()
    {
        final Simulator sim = new Simulator(seed(20));
        final SimNode client = sim.addNode("client", ScenarioSupport.config());
        final SimNode server = sim.addNode("server", ScenarioSupport.config());
        sim.link(client, server, LinkConfig.defaultLink());
        final List<StreamSender> serverSenders = new ArrayList<>();
        // The server sends 1 MB once the client has half-closed; the client sends nothing.
        server.listen(443, c ->
        {
            final StreamSender sender = new StreamSender(1_000_000, sim.newRandom(), false);
            serverSenders.add(sender);
            return sender;
        });
        final StreamSender clientSide = new StreamSender(0, sim.newRandom(), false);
        client.connect(server, 0, 443, clientSide);
        sim.runUntil(() -> clientSide.terminal() != null && !serverSenders.isEmpty() && serverSenders.get(0).terminal() != null,
            60 * SECOND_NS);
        final StreamSender serverSide = serverSenders.get(0);
        assertEquals(1_000_000, clientSide.receiver().received());
        assertArrayEquals(serverSide.sentDigest(), clientSide.receiver().digest());
        assertEquals(EventType.CLOSED, clientSide.terminal());
        assertEquals(EventType.CLOSED, serverSide.terminal());
    }

    @Test
    void simultaneousOpenMakesOneConnection()
    {
        final Simulator sim = new Simulator(seed(21));
        final SimNode a = sim.addNode("a", ScenarioSupport.config());
        final SimNode b = sim.addNode("b", ScenarioSupport.config());
        sim.link(a, b, LinkConfig.defaultLink());
        final StreamSender fromA = new StreamSender(1024, sim.newRandom(), false);
        final StreamSender fromB = new StreamSender(1024, sim.newRandom(), false);
        final Connection ca = a.connect(b, 5001, 5002, fromA);
        final Connection cb = b.connect(a, 5002, 5001, fromB);
        sim.runUntil(() -> fromA.terminal() != null && fromB.terminal() != null, 60 * SECOND_NS);
        assertEquals(1024, fromA.receiver().received());
        assertEquals(1024, fromB.receiver().received());
        assertArrayEquals(fromA.sentDigest(), fromB.receiver().digest());
        assertArrayEquals(fromB.sentDigest(), fromA.receiver().digest());
        assertEquals(EventType.CLOSED, fromA.terminal());
        assertEquals(1, ca.counters().segmentsSent > 0 ? 1 : 0);
        assertTrue(cb.initialReceiveSequence() == ca.initialSendSequence(), "one connection: each side knows the other's ISN");
    }

    @Test
    void simultaneousCloseGoesThroughClosingOnBothSides()
    {
        final Simulator sim = new Simulator(seed(22));
        final SimNode a = sim.addNode("a", ScenarioSupport.config());
        final SimNode b = sim.addNode("b", ScenarioSupport.config());
        sim.link(a, b, LinkConfig.defaultLink());
        final List<ConnectionState> seenByA = new ArrayList<>();
        final List<ConnectionState> seenByB = new ArrayList<>();
        final Connection[] bSide = new Connection[1];
        b.listen(443, c ->
        {
            bSide[0] = c;
            return (node, event) -> { };
        });
        final Connection ca = a.connect(b, 0, 443, (node, event) -> { });
        sim.runUntil(() -> bSide[0] != null && ca.state() == ConnectionState.ESTABLISHED
            && bSide[0].state() == ConnectionState.ESTABLISHED, 10 * SECOND_NS);
        sim.runFor(SECOND_NS);
        ca.close(sim.engineNowNs());
        bSide[0].close(sim.engineNowNs());
        sim.runUntil(() ->
        {
            record(seenByA, ca.state());
            record(seenByB, bSide[0].state());
            return ca.state() == ConnectionState.CLOSED && bSide[0].state() == ConnectionState.CLOSED;
        }, 200 * SECOND_NS);
        assertEquals(List.of(ConnectionState.FIN_WAIT_1, ConnectionState.CLOSING, ConnectionState.TIME_WAIT,
            ConnectionState.CLOSED), seenByA);
        assertEquals(List.of(ConnectionState.FIN_WAIT_1, ConnectionState.CLOSING, ConnectionState.TIME_WAIT,
            ConnectionState.CLOSED), seenByB);
    }

    private static void record(final List<ConnectionState> seen, final ConnectionState state)
    {
        if (seen.isEmpty() || seen.get(seen.size() - 1) != state)
        {
            seen.add(state);
        }
    }

    @Test
    void echoBothWays()
    {
        final Simulator sim = new Simulator(seed(23));
        final SimNode client = sim.addNode("client", ScenarioSupport.config());
        final SimNode server = sim.addNode("server", ScenarioSupport.config());
        sim.link(client, server, LinkConfig.defaultLink().withLoss(0.01, 2));
        final List<StreamSink> sinks = new ArrayList<>();
        server.listen(7, c ->
        {
            final StreamSink sink = new StreamSink(true);
            sinks.add(sink);
            return sink;
        });
        final StreamSender sender = new StreamSender(300_000, sim.newRandom(), false);
        client.connect(server, 0, 7, sender);
        sim.runUntil(() -> sender.terminal() != null, 120 * SECOND_NS);
        assertEquals(300_000, sender.receiver().received());
        assertArrayEquals(sender.sentDigest(), sender.receiver().digest());
        assertEquals(EventType.CLOSED, sender.terminal());
    }
}
