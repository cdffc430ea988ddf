package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** The retransmission timer of a connection expired with data outstanding. */
@Name("io.rudp.RetransmissionTimeout")
@Label("rudp Retransmission Timeout")
@Category({"rudp", "Loss"})
@Description("A retransmission timer expired: everything outstanding is resent")
@StackTrace(false)
public final class RetransmissionTimeoutEvent extends jdk.jfr.Event
{
    /** Connection. */
    @Label("Connection")
    public String connection;

    /** RTO. */
    @Label("RTO")
    @Timespan(Timespan.NANOSECONDS)
    public long rto;

    /** Timeouts In A Row. */
    @Label("Timeouts In A Row")
    public int timeoutsInARow;

    /** An event, to be filled in and committed. */
    public RetransmissionTimeoutEvent()
    {
        // nothing to set up
    }
}
