package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A connection ended, with why and what it carried. */
@Name("io.rudp.ConnectionClosed")
@Label("rudp Connection Closed")
@Category({"rudp", "Connection"})
@Description("A rudp connection ended: its reason and totals")
@StackTrace(false)
public final class ConnectionClosedEvent extends jdk.jfr.Event
{
    /** Connection. */
    @Label("Connection")
    public String connection;

    /** NORMAL, RESET_BY_PEER, PEER_UNREACHABLE, IDLE_TIMEOUT, ... */
    @Label("Reason")
    @Description("NORMAL, RESET_BY_PEER, PEER_UNREACHABLE, IDLE_TIMEOUT, ...")
    public String reason;

    /** Bytes Sent. */
    @Label("Bytes Sent")
    @DataAmount
    public long bytesSent;

    /** Bytes Received. */
    @Label("Bytes Received")
    @DataAmount
    public long bytesReceived;

    /** Retransmitted Segments. */
    @Label("Retransmitted Segments")
    public long retransmits;

    /** Retransmission Timeouts. */
    @Label("Retransmission Timeouts")
    public long timeouts;

    /** An event, to be filled in and committed. */
    public ConnectionClosedEvent()
    {
        // nothing to set up
    }
}
