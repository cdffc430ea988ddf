package io.rudp.nio.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Segments one socket dropped for one reason since the last such event (one per reason per sample period). */
@Name("io.rudp.SegmentsDropped")
@Label("rudp Segments Dropped")
@Category({"rudp", "Socket"})
@Description("Datagrams a socket dropped, by reason, since the last sample (malformed, bad CRC, out of window, ...)")
@StackTrace(false)
public final class SegmentsDroppedEvent extends jdk.jfr.Event
{
    /** Socket. */
    @Label("Socket")
    public String socket;

    /** Reason. */
    @Label("Reason")
    public String reason;

    /** Count. */
    @Label("Count")
    public long count;

    /** An event, to be filled in and committed. */
    public SegmentsDroppedEvent()
    {
        // nothing to set up
    }
}
