package io.rudp.nio;

import java.util.Map;

/**
 * The live connection table of one rudp socket, like {@code ss -ti} for TCP: registered with the
 * platform MBean server as {@code io.rudp:type=Socket,name="<local address>"} while the socket is
 * open (unless {@link LoopConfig#jmx()} is off), readable with jconsole, VisualVM, or
 * {@code java -jar rudp-examples.jar ss --pid PID}. Each read is a snapshot taken on the loop thread.
 */
public interface RudpSocketMXBean
{
    /** {@return the UDP address the socket is bound to} */
    String getLocalAddress();

    /** {@return connections in any state, TIME-WAIT included} */
    int getConnectionCount();

    /** {@return one row per connection} */
    ConnectionRow[] getConnections();

    /** {@return the table as text, one line per connection, {@code ss -ti} style} */
    String[] getConnectionTable();

    /** {@return datagrams the socket dropped, by reason (non-zero counts only)} */
    Map<String, Long> getDrops();
}
