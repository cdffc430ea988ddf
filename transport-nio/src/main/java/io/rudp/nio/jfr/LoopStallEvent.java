package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * One turn of the event loop took longer than the recording's threshold for this event (10 ms
 * unless the recording's settings say otherwise): its duration is the event's.
 */
@Name("io.rudp.LoopStall")
@Label("rudp Loop Stall")
@Category({"rudp", "Loop"})
@Description("A loop turn (commands, receives, timers, sends) that took longer than the threshold")
@StackTrace(false)
@Threshold("10 ms")
public final class LoopStallEvent extends jdk.jfr.Event
{
    /** Loop. */
    @Label("Loop")
    public String loop;

    /** Commands, datagrams and events handled in the turn. */
    @Label("Work Items")
    @Description("Commands, datagrams and events handled in the turn")
    public int work;

    /** An event, to be filled in and committed. */
    public LoopStallEvent()
    {
        // nothing to set up
    }
}
