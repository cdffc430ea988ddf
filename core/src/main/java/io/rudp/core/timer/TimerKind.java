package io.rudp.core.timer;

/** The timers a connection runs. */
public enum TimerKind
{
    /** Retransmission timeout (RFC 6298), also drives SYN retransmission. */
    RETRANSMIT,
    /** RACK reordering timer or tail-loss probe timer (RFC 8985). */
    LOSS_DETECTION,
    /** The next paced segment may go. */
    PACING,
    /** Delayed ACK (RFC 9293 §3.8.6.3). */
    DELAYED_ACK,
    /** Zero-window probe (persist) timer. */
    PERSIST,
    /** Keepalive idle / probe interval. */
    KEEPALIVE,
    /** Nothing heard from the peer for the idle timeout. */
    IDLE,
    /** TIME-WAIT expiry, or the FIN-WAIT-2 timeout of a connection the application fully closed. */
    CLOSE;

    /** How many kinds there are. */
    public static final int COUNT = values().length;
}
