package io.rudp.examples;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ss --pid PID [--interval S]}: the live connection tables of every rudp socket in another
 * Java process on this machine (an example server, say), like {@code ss -ti}: it attaches with the
 * JDK's attach API, starts that process's local JMX agent, and reads its {@code io.rudp:type=Socket}
 * MBeans. Once, or every S seconds until Ctrl-C.
 */
@picocli.CommandLine.Command(name = "ss", mixinStandardHelpOptions = true,
    description = "Print the live connection tables of the rudp sockets in another Java process, like ss -ti.")
final class SocketTableCommand implements java.util.concurrent.Callable<Integer>
{
    @picocli.CommandLine.Option(names = "--pid", required = true, description = "The process to look into.")
    int pid;

    @picocli.CommandLine.Option(names = "--interval", paramLabel = "S", defaultValue = "0",
        description = "Print again every S seconds until Ctrl-C (default: once).")
    int intervalSeconds;

    @Override
    public Integer call() throws Exception
    {
        if (pid <= 0 || intervalSeconds < 0)
        {
            throw new IllegalArgumentException(pid <= 0 ? "--pid must be a process id: " + pid
                : "--interval must be 0 (once) or a number of seconds: " + intervalSeconds);
        }
        final String url;
        try
        {
            final VirtualMachine vm = VirtualMachine.attach(Integer.toString(pid));
            try
            {
                url = vm.startLocalManagementAgent();
            }
            finally
            {
                vm.detach();
            }
        }
        catch (final com.sun.tools.attach.AttachNotSupportedException | java.io.IOException e)
        {
            System.err.println("ss: cannot attach to process " + pid + " (is it a Java process of this user?): " + e);
            return 1;
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url)))
        {
            final MBeanServerConnection server = connector.getMBeanServerConnection();
            do
            {
                print(server, pid);
                if (intervalSeconds > 0)
                {
                    Thread.sleep(intervalSeconds * 1000L); // a display refresh, not a wait for a condition
                }
            }
            while (intervalSeconds > 0);
        }
        return 0;
    }

    private static void print(final MBeanServerConnection server, final int pid) throws Exception
    {
        final Set<ObjectName> sockets = new TreeSet<>(server.queryNames(new ObjectName("io.rudp:type=Socket,*"), null));
        if (sockets.isEmpty())
        {
            System.out.println("process " + pid + " has no open rudp socket");
        }
        for (final ObjectName name : sockets)
        {
            final String[] table = (String[])server.getAttribute(name, "ConnectionTable");
            final Map<String, Long> drops = new java.util.TreeMap<>();
            // An MXBean's Map<String, Long> arrives as a table of (key, value) rows.
            for (final Object row : ((javax.management.openmbean.TabularData)server.getAttribute(name, "Drops")).values())
            {
                final javax.management.openmbean.CompositeData entry = (javax.management.openmbean.CompositeData)row;
                drops.put((String)entry.get("key"), (Long)entry.get("value"));
            }
            System.out.printf("rudp socket %s: %d connection(s)%s%n", server.getAttribute(name, "LocalAddress"),
                table.length, drops.isEmpty() ? "" : ", drops " + drops);
            for (final String line : table)
            {
                System.out.println("  " + line);
            }
        }
    }
}
