package io.rudp.nio;

import io.rudp.core.codec.DropReason;
import io.rudp.core.connection.Connection;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@link RudpSocketMXBean} of one socket: snapshots taken on its loop thread. */
final class SocketTable implements RudpSocketMXBean
{
    private final RudpSocket socket;
    private final RudpLoop loop;
    private ObjectName name;

    SocketTable(final RudpSocket socket, final RudpLoop loop)
    {
        this.socket = socket;
        this.loop = loop;
    }

    /** Registers with the platform MBean server; a failure is logged, never thrown (JMX is a view). */
    void register()
    {
        try
        {
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName candidate = objectName("");
            for (int i = 2; server.isRegistered(candidate) && i < 100; i++)
            {
                candidate = objectName(" #" + i); // the same address bound twice (in two loops)
            }
            server.registerMBean(this, candidate);
            name = candidate;
        }
        catch (final InstanceAlreadyExistsException e)
        {
            RudpLoop.LOG.log(System.Logger.Level.DEBUG, "no JMX table for " + socket.localAddress() + ": " + e);
        }
        catch (final JMException | RuntimeException e)
        {
            RudpLoop.LOG.log(System.Logger.Level.WARNING, "no JMX table for " + socket.localAddress(), e);
        }
    }

    private ObjectName objectName(final String suffix) throws JMException
    {
        return new ObjectName("io.rudp:type=Socket,name=" + ObjectName.quote(socket.localAddress() + suffix));
    }

    void unregister()
    {
        if (name == null)
        {
            return;
        }
        try
        {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
        catch (final JMException e)
        {
            RudpLoop.LOG.log(System.Logger.Level.DEBUG, "unregistering " + name + ": " + e);
        }
        name = null;
    }

    @Override
    public String getLocalAddress()
    {
        return socket.localAddress().toString();
    }

    @Override
    public int getConnectionCount()
    {
        return loop.call(() -> socket.endpoint().connectionCount());
    }

    @Override
    public ConnectionRow[] getConnections()
    {
        return loop.call(() ->
        {
            final List<ConnectionRow> rows = new ArrayList<>();
            for (final Connection c : socket.endpoint().connections())
            {
                rows.add(ConnectionRow.of(c));
            }
            return rows.toArray(new ConnectionRow[0]);
        });
    }

    @Override
    public String[] getConnectionTable()
    {
        final ConnectionRow[] rows = getConnections();
        final String[] lines = new String[rows.length];
        for (int i = 0; i < rows.length; i++)
        {
            lines[i] = rows[i].toString();
        }
        return lines;
    }

    @Override
    public Map<String, Long> getDrops()
    {
        return loop.call(() ->
        {
            final Map<String, Long> drops = new TreeMap<>();
            for (final DropReason r : DropReason.values())
            {
                final long n = socket.endpoint().dropCounters().get(r);
                if (n != 0)
                {
                    drops.put(r.name(), n);
                }
            }
            return drops;
        });
    }
}
