package io.rudp.core.connection;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections by four-tuple, by ports alone for a peer a NAT moved, and the half-open count. */
class ConnectionTableTest
{
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.7", 4000);

    @Test
    void connectionsAreFoundByTheirFourTupleAndByTheirPortsWhateverTheAddress()
    {
        final Connection c = new Endpoint(RudpConfig.builder().isnSecret(1, 2).build()).connect(0, PEER, 5000, 80);
        final ConnectionTable table = new ConnectionTable();
        table.add(c, true);
        assertSame(c, table.get(PEER, 5000, 80));
        assertTrue(table.contains(PEER, 5000, 80));
        assertNull(table.get(PEER, 5000, 81));
        assertNull(table.get(new InetSocketAddress("127.0.0.7", 4001), 5000, 80), "another port of the peer's host");
        assertEquals(1, table.withPorts(5000, 80).size(), "found by ports from any address");
        assertEquals(1, table.halfOpen());
        table.halfOpenEnded();
        assertEquals(0, table.halfOpen());
        assertEquals(1, table.size());
        table.remove(c);
        assertFalse(table.contains(PEER, 5000, 80));
        assertTrue(table.withPorts(5000, 80).isEmpty());
        assertEquals(0, table.size());
    }
}
