package io.rudp.core.connection;

/** Why a connection ended, as reported by {@link Connection#closeReason()}. */
public enum CloseReason
{
    /** Still open. */
    NONE("open"),
    /** Both sides closed gracefully with FINs. */
    NORMAL("closed"),
    /** The peer answered our SYN with a RST: nothing listens on that port. */
    REFUSED("connection refused"),
    /** The peer reset an established connection. */
    RESET_BY_PEER("connection reset by peer"),
    /** No SYN+ACK came back within the SYN retries. */
    CONNECT_TIMED_OUT("connect timed out"),
    /** Data (or keepalive, or window probes) went unacknowledged for the user timeout. */
    PEER_UNREACHABLE("peer unreachable"),
    /**
     * The network reported nothing receiving at the peer's UDP port (ICMP port unreachable), and the
     * peer stayed silent until the next retransmission or keepalive: its process is gone.
     */
    PEER_PORT_UNREACHABLE("peer's port unreachable"),
    /** This side aborted: {@link Connection#abort()}, close with unread data, or data after close. */
    ABORTED("aborted"),
    /** Nothing arrived from the peer for the idle timeout ({@code RudpConfig.idleTimeoutNs()}). */
    IDLE_TIMEOUT("peer silent for the idle timeout");

    private final String description;

    CloseReason(final String description)
    {
        this.description = description;
    }

    /** {@return a short human-readable phrase, fit for an exception message} */
    public String description()
    {
        return description;
    }
}
