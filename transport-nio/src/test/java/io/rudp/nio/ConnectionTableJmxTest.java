package io.rudp.nio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live connection table, read the way jconsole reads it: through the platform MBean server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionTableJmxTest
{
    @Test
    void eachSocketShowsItsConnectionsWhileOpen() throws Exception
    {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        final ObjectName name;
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket listener = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final int port = listener.localAddress().getPort();
            listener.listen(port, c -> { });
            final RudpSocket client = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final RudpConnection c = client.connect(listener.localAddress(), port, Duration.ofSeconds(5))
                .get(10, TimeUnit.SECONDS);
            c.write(java.nio.ByteBuffer.wrap(new byte[5000]));
            name = new ObjectName("io.rudp:type=Socket,name=" + ObjectName.quote(client.localAddress().toString()));
            final Set<ObjectName> all = server.queryNames(new ObjectName("io.rudp:type=Socket,*"), null);
            assertTrue(all.contains(name), "registered: " + all);
            assertEquals(1, server.getAttribute(name, "ConnectionCount"));
            final CompositeData[] rows = (CompositeData[])server.getAttribute(name, "Connections");
            assertEquals(1, rows.length);
            assertEquals("ESTABLISHED", rows[0].get("state"));
            assertTrue(((String)rows[0].get("peer")).endsWith(":" + port + "/" + port), "peer: " + rows[0].get("peer"));
            assertTrue((Long)rows[0].get("cwndBytes") > 0);
            final ConnectionRow[] proxied = JMX.newMXBeanProxy(server, name, RudpSocketMXBean.class).getConnections();
            assertEquals("ESTABLISHED", proxied[0].getState(), "a client's proxy rebuilds rows (ConnectionRow.from)");
            assertEquals(rows[0].get("peer"), proxied[0].getPeer());
            final String[] table = (String[])server.getAttribute(name, "ConnectionTable");
            System.out.println("connection table of " + client.localAddress() + ":\n  " + String.join("\n  ", table));
            assertTrue(table[0].startsWith("ESTABLISHED"));
            client.close();
            assertFalse(server.isRegistered(name), "unregistered when the socket closes");
        }
    }
}
