package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A loss-recovery episode: its duration is the event's. */
@Name("io.rudp.LossRecovery")
@Label("rudp Loss Recovery")
@Category({"rudp", "Loss"})
@Description("A loss-recovery episode, from the loss detected to the last byte outstanding then acknowledged")
@StackTrace(false)
public final class LossRecoveryEvent extends jdk.jfr.Event
{
    /** Connection. */
    @Label("Connection")
    public String connection;

    /** An event, to be filled in and committed. */
    public LossRecoveryEvent()
    {
        // nothing to set up
    }
}
