package io.rudp.core.connection;

import io.rudp.core.recovery.LossRecovery;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;

/**
 * What the connection does when its timers fire (RFC 9293 §3.8, RFC 6298, RFC 8985, RFC 1122
 * keepalives), and the arming of the two timers that watch a quiet peer: keepalive and idle.
 */
final class Timeouts
{
    private final ConnectionParts parts;
    private final TimerTable timers;
    private final Lifecycle lifecycle;
    private final Transmitter transmitter;
    private final ObserverReport report;
    private final boolean passive;

    Timeouts(final ConnectionParts parts, final Lifecycle lifecycle, final Transmitter transmitter,
        final ObserverReport report, final boolean passive)
    {
        this.parts = parts;
        this.timers = parts.timers;
        this.lifecycle = lifecycle;
        this.transmitter = transmitter;
        this.report = report;
        this.passive = passive;
    }

    /** Runs whichever timers are due at {@code nowNs}. */
    void onTimeout(final long nowNs)
    {
        if (timers.expire(TimerKind.CLOSE, nowNs))
        {
            onCloseTimer();
            return;
        }
        if (timers.expire(TimerKind.RETRANSMIT, nowNs))
        {
            onRetransmitTimeout(nowNs);
        }
        if (closed())
        {
            return;
        }
        if (timers.expire(TimerKind.LOSS_DETECTION, nowNs))
        {
            onLossDetectionTimeout(nowNs);
        }
        timers.expire(TimerKind.PACING, nowNs); // nothing to do but send
        if (timers.expire(TimerKind.DELAYED_ACK, nowNs))
        {
            parts.acks.requestNow();
        }
        if (timers.expire(TimerKind.PERSIST, nowNs))
        {
            final CloseReason giveUp = parts.sender.onPersistTimeout(nowNs);
            if (giveUp != null)
            {
                lifecycle.terminate(giveUp, EventType.TIMED_OUT);
            }
        }
        if (!closed() && timers.expire(TimerKind.KEEPALIVE, nowNs))
        {
            onKeepAliveTimeout(nowNs);
        }
        // expire() first: it disarms the timer whatever the state, so a deadline left from before
        // TIME-WAIT cannot stay due forever.
        if (timers.expire(TimerKind.IDLE, nowNs) && !closed() && lifecycle.state() != ConnectionState.TIME_WAIT)
        {
            // Nothing from the peer for the idle timeout: gone, or silent for longer than allowed.
            // The RST tells a peer that is merely quiet; one that vanished hears nothing either way.
            lifecycle.resetAndTerminate(CloseReason.IDLE_TIMEOUT, EventType.TIMED_OUT);
        }
    }

    /** The peer proved alive: keepalive and the idle timeout start counting afresh. */
    void onPeerHeard(final long nowNs)
    {
        parts.liveness.onPeerHeard();
        final ConnectionState state = lifecycle.state();
        if (state != null)
        {
            armKeepAlive(nowNs);
            if (parts.config.idleTimeoutNs() > 0 && state != ConnectionState.TIME_WAIT && state != ConnectionState.CLOSED)
            {
                timers.set(TimerKind.IDLE, nowNs + parts.config.idleTimeoutNs());
            }
        }
    }

    /** Keepalives (if configured) start counting from {@code nowNs}. */
    void armKeepAlive(final long nowNs)
    {
        final ConnectionState state = lifecycle.state();
        if (parts.config.keepAlive() && state.isSynchronized() && state != ConnectionState.TIME_WAIT)
        {
            timers.set(TimerKind.KEEPALIVE, nowNs + parts.config.keepAliveIdleNs());
        }
    }

    private boolean closed()
    {
        return lifecycle.state() == ConnectionState.CLOSED;
    }

    private void onCloseTimer()
    {
        if (lifecycle.state() == ConnectionState.TIME_WAIT)
        {
            lifecycle.releaseQuietly();
        }
        else
        {
            lifecycle.terminate(CloseReason.NORMAL, EventType.CLOSED); // FIN-WAIT-2 of a fully closed connection
        }
    }

    private void onRetransmitTimeout(final long nowNs)
    {
        final ConnectionState state = lifecycle.state();
        if (state == ConnectionState.SYN_SENT || state == ConnectionState.SYN_RECEIVED)
        {
            if (!parts.liveness.onSynTimeout())
            {
                if (passive)
                {
                    lifecycle.releaseQuietly();
                }
                else
                {
                    lifecycle.terminate(CloseReason.CONNECT_TIMED_OUT, EventType.TIMED_OUT);
                }
                return;
            }
            parts.path.rtt().backoff();
            transmitter.requestSyn();
            return;
        }
        if (parts.snd.allAcknowledged())
        {
            return;
        }
        final CloseReason giveUp = parts.liveness.onRetransmitTimeout(nowNs);
        if (giveUp != null)
        {
            lifecycle.terminate(giveUp, EventType.TIMED_OUT);
            return;
        }
        parts.counters.timeouts++;
        report.retransmissionTimeout(nowNs);
        parts.sender.suspectBlackHole(nowNs);
        // Everything outstanding is presumed lost and is sent again, oldest first, as the window allows.
        parts.recovery.onRetransmissionTimeout(nowNs, parts.snd.max());
        parts.sender.settleMtuProbe(nowNs);
        report.update(nowNs);
        timers.cancel(TimerKind.LOSS_DETECTION);
        parts.path.rtt().backoff();
    }

    /** The RACK reordering timer or the tail-loss probe timer (RFC 8985 §6.3, §7.3). */
    private void onLossDetectionTimeout(final long nowNs)
    {
        final LossRecovery recovery = parts.recovery;
        if (recovery.reorderDeadlineNs() != LossRecovery.NONE)
        {
            recovery.onReorderTimeout(nowNs, parts.snd.max());
            parts.sender.settleMtuProbe(nowNs);
            report.update(nowNs);
            parts.sender.armLossDetection(nowNs);
        }
        else if (!parts.snd.allAcknowledged())
        {
            recovery.onProbeTimeout();
        }
    }

    private void onKeepAliveTimeout(final long nowNs)
    {
        final ConnectionState state = lifecycle.state();
        if (!state.isSynchronized() || state == ConnectionState.TIME_WAIT)
        {
            return;
        }
        if (!parts.snd.allAcknowledged())
        {
            armKeepAlive(nowNs); // data in flight: the retransmission timer watches the peer
            return;
        }
        final CloseReason giveUp = parts.liveness.onKeepAliveTimeout();
        if (giveUp != null)
        {
            lifecycle.terminate(giveUp, EventType.TIMED_OUT);
            return;
        }
        transmitter.requestKeepAliveProbe();
        timers.set(TimerKind.KEEPALIVE, nowNs + parts.config.keepAliveIntervalNs());
    }
}
