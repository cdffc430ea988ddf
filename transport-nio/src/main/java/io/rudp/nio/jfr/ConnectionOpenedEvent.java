package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A connection completed its handshake. */
@Name("io.rudp.ConnectionOpened")
@Label("rudp Connection Opened")
@Category({"rudp", "Connection"})
@Description("A rudp connection completed its three-way handshake")
@StackTrace(false)
public final class ConnectionOpenedEvent extends jdk.jfr.Event
{
    /** local rudp port -> peer UDP address : peer rudp port. */
    @Label("Connection")
    @Description("local rudp port -> peer UDP address : peer rudp port")
    public String connection;

    /** Accepted by a listener (true) or connected by this side (false). */
    @Label("Passive")
    @Description("Accepted by a listener (true) or connected by this side (false)")
    public boolean passive;

    /** An event, to be filled in and committed. */
    public ConnectionOpenedEvent()
    {
        // nothing to set up
    }
}
