package io.rudp.core.connection;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6056 Algorithm 3: ephemeral ports start at a keyed hash of the destination, not at 49152. */
class EphemeralPortTest
{
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 9000);

    @Test
    void twoClientsOfOneHostDoNotStartAtTheSamePort()
    {
        final Connection a = new Endpoint(RudpConfig.builder().isnSecret(11, 12).build()).connect(0, SERVER, 0, 9000);
        final Connection b = new Endpoint(RudpConfig.builder().isnSecret(21, 22).build()).connect(0, SERVER, 0, 9000);
        assertNotEquals(a.localPort(), b.localPort(), "different secrets, different ports");
        assertNotEquals(Endpoint.EPHEMERAL_LOW, a.localPort());
    }

    @Test
    void portsStayInTheRangeAndNeverCollide()
    {
        final Endpoint endpoint = new Endpoint(RudpConfig.builder().isnSecret(1, 2).build());
        final Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 5_000; i++)
        {
            final int port = endpoint.connect(0, SERVER, 0, 9000).localPort();
            assertTrue(port >= Endpoint.EPHEMERAL_LOW && port <= Endpoint.EPHEMERAL_HIGH, "port " + port);
            assertTrue(ports.add(port), "port " + port + " used twice");
        }
        assertEquals(5_000, endpoint.connectionCount());
    }
}
