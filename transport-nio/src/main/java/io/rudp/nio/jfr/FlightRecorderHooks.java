package io.rudp.nio.jfr;

import io.rudp.core.codec.DropReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionObserver;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.stats.DropCounters;
import jdk.jfr.EventType;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where the NIO transport's JDK Flight Recorder events come from. Every method first asks whether a
 * recording enables its event (a field read): with no recording, nothing is built or allocated,
 * and the only cost is that check at moments that are rare (a timeout, an episode, a state change,
 * a sample tick) — never per segment. Loop thread only. Internal to rudp: the events are the API.
 */
public final class FlightRecorderHooks implements ConnectionObserver
{
    private static final EventType OPENED = EventType.getEventType(ConnectionOpenedEvent.class);
    private static final EventType CLOSED = EventType.getEventType(ConnectionClosedEvent.class);
    private static final EventType TIMEOUT = EventType.getEventType(RetransmissionTimeoutEvent.class);
    private static final EventType RECOVERY = EventType.getEventType(LossRecoveryEvent.class);
    private static final EventType CONGESTION = EventType.getEventType(CongestionStateEvent.class);
    private static final EventType DROPPED = EventType.getEventType(SegmentsDroppedEvent.class);
    private static final EventType STALL = EventType.getEventType(LoopStallEvent.class);
    private static final EventType SAMPLE = EventType.getEventType(ConnectionSampleEvent.class);

    /** Recovery episodes under way while recording: their events end when the episode does. */
    private final Map<Connection, LossRecoveryEvent> episodes = new IdentityHashMap<>();

    /** Hooks for one socket. */
    public FlightRecorderHooks()
    {
        // nothing to set up
    }

    /** How a connection is named in events: {@code localPort->address:port}. */
    static String name(final Connection c)
    {
        return c.localPort() + "->" + c.remoteAddress().getAddress().getHostAddress() + ':'
            + c.remoteAddress().getPort() + ':' + c.remotePort();
    }

    /**
     * A connection completed its handshake.
     *
     * @param c the connection
     * @param passive whether a listener accepted it
     */
    public void opened(final Connection c, final boolean passive)
    {
        if (OPENED.isEnabled())
        {
            final ConnectionOpenedEvent e = new ConnectionOpenedEvent();
            e.connection = name(c);
            e.passive = passive;
            e.commit();
        }
    }

    /**
     * A connection ended (an episode still open ends with it).
     *
     * @param c the connection
     */
    public void closed(final Connection c)
    {
        final LossRecoveryEvent episode = episodes.remove(c);
        if (episode != null)
        {
            episode.commit();
        }
        if (CLOSED.isEnabled())
        {
            final ConnectionCounters k = c.counters();
            final ConnectionClosedEvent e = new ConnectionClosedEvent();
            e.connection = name(c);
            e.reason = c.closeReason().name();
            e.bytesSent = k.bytesSent;
            e.bytesReceived = k.bytesReceived;
            e.retransmits = k.retransmittedSegments;
            e.timeouts = k.timeouts;
            e.commit();
        }
    }

    @Override
    public void onRetransmissionTimeout(final Connection c, final long nowNs, final long rtoNs, final int timeouts)
    {
        if (TIMEOUT.isEnabled())
        {
            final RetransmissionTimeoutEvent e = new RetransmissionTimeoutEvent();
            e.connection = name(c);
            e.rto = rtoNs;
            e.timeoutsInARow = timeouts;
            e.commit();
        }
    }

    @Override
    public void onRecovery(final Connection c, final long nowNs, final boolean started)
    {
        if (started)
        {
            if (RECOVERY.isEnabled())
            {
                final LossRecoveryEvent e = new LossRecoveryEvent();
                e.connection = name(c);
                e.begin();
                episodes.put(c, e);
            }
            return;
        }
        final LossRecoveryEvent e = episodes.remove(c);
        if (e != null)
        {
            e.commit();
        }
    }

    @Override
    public void onCongestionState(final Connection c, final long nowNs, final String from, final String to)
    {
        if (CONGESTION.isEnabled())
        {
            final CongestionStateEvent e = new CongestionStateEvent();
            e.connection = name(c);
            e.from = from;
            e.to = to;
            e.cwnd = c.cwndBytes();
            e.commit();
        }
    }

    /** {@return whether a periodic sample would record anything now} */
    public static boolean samplingEnabled()
    {
        return SAMPLE.isEnabled() || DROPPED.isEnabled();
    }

    /**
     * A sample of every connection in {@code connections}.
     *
     * @param connections the connections to sample
     */
    public void sample(final Iterable<Connection> connections)
    {
        if (!SAMPLE.isEnabled())
        {
            return;
        }
        for (final Connection c : connections)
        {
            final ConnectionSampleEvent e = new ConnectionSampleEvent();
            e.connection = name(c);
            e.state = c.state().name();
            e.srtt = c.srttNs();
            e.cwnd = c.cwndBytes();
            e.bytesInFlight = c.bytesInFlight();
            e.pacingRate = c.pacingRateBytesPerSecond();
            e.pathMtu = c.pathMtuBytes();
            e.bytesAcked = c.counters().bytesAcked;
            e.retransmits = c.counters().retransmittedSegments;
            e.commit();
        }
    }

    /**
     * Drops by reason since the last call, one event per reason that moved; {@code last} holds the
     * counts then and is brought up to date.
     *
     * @param socket the socket's name in the events
     * @param now the socket's drop counters
     * @param last the counts at the last call, by reason ordinal
     */
    public static void drops(final String socket, final DropCounters now, final long[] last)
    {
        if (!DROPPED.isEnabled())
        {
            return;
        }
        for (final DropReason r : DropReason.values())
        {
            final long count = now.get(r) - last[r.ordinal()];
            if (count > 0)
            {
                final SegmentsDroppedEvent e = new SegmentsDroppedEvent();
                e.socket = socket;
                e.reason = r.name();
                e.count = count;
                e.commit();
            }
            last[r.ordinal()] = now.get(r);
        }
    }

    /** {@return an event for the loop turn about to run, if stalls are recorded; else null} */
    public static LoopStallEvent turnStarting()
    {
        if (!STALL.isEnabled())
        {
            return null;
        }
        final LoopStallEvent e = new LoopStallEvent();
        e.begin();
        return e;
    }

    /**
     * The turn {@code event} timed is over: recorded if it took longer than the recording's threshold.
     *
     * @param event what {@link #turnStarting()} returned
     * @param loop the loop's name
     * @param work what the turn handled
     */
    public static void turnEnded(final LoopStallEvent event, final String loop, final int work)
    {
        event.end();
        if (event.shouldCommit())
        {
            event.loop = loop;
            event.work = work;
            event.commit();
        }
    }
}
