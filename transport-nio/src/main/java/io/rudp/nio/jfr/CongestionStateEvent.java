package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A connection's congestion controller changed state. */
@Name("io.rudp.CongestionState")
@Label("rudp Congestion State")
@Category({"rudp", "Congestion"})
@Description("slow_start / congestion_avoidance, or BBR's startup / drain / probe_bw / probe_rtt")
@StackTrace(false)
public final class CongestionStateEvent extends jdk.jfr.Event
{
    /** Connection. */
    @Label("Connection")
    public String connection;

    /** From. */
    @Label("From")
    public String from;

    /** To. */
    @Label("To")
    public String to;

    /** Congestion Window. */
    @Label("Congestion Window")
    @DataAmount
    public long cwnd;

    /** An event, to be filled in and committed. */
    public CongestionStateEvent()
    {
        // nothing to set up
    }
}
