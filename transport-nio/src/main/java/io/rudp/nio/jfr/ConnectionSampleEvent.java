package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A periodic sample of one connection (every LoopConfig.sampleInterval while recording). */
@Name("io.rudp.ConnectionSample")
@Label("rudp Connection Sample")
@Category({"rudp", "Connection"})
@Description("RTT, window, pacing and bytes in flight of one connection, sampled periodically")
@StackTrace(false)
public final class ConnectionSampleEvent extends jdk.jfr.Event
{
    /** Connection. */
    @Label("Connection")
    public String connection;

    /** State. */
    @Label("State")
    public String state;

    /** Smoothed RTT. */
    @Label("Smoothed RTT")
    @Timespan(Timespan.NANOSECONDS)
    public long srtt;

    /** Congestion Window. */
    @Label("Congestion Window")
    @DataAmount
    public long cwnd;

    /** Bytes In Flight. */
    @Label("Bytes In Flight")
    @DataAmount
    public long bytesInFlight;

    /** Bytes per second. */
    @Label("Pacing Rate")
    @DataAmount(DataAmount.BYTES)
    @Description("Bytes per second")
    public long pacingRate;

    /** Path MTU. */
    @Label("Path MTU")
    @DataAmount
    public int pathMtu;

    /** Bytes Acknowledged. */
    @Label("Bytes Acknowledged")
    @DataAmount
    public long bytesAcked;

    /** Retransmitted Segments. */
    @Label("Retransmitted Segments")
    public long retransmits;

    /** An event, to be filled in and committed. */
    public ConnectionSampleEvent()
    {
        // nothing to set up
    }
}
