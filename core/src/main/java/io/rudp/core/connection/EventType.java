package io.rudp.core.connection;

/** What {@link Endpoint#pollEvent()} can report about a connection. */
public enum EventType
{
    /** The handshake completed; for a passive connection this is its accept. */
    CONNECTED,
    /** Bytes (or end of stream) are ready to {@link Connection#read}. Raised again only after a read found nothing left. */
    READABLE,
    /** Send-buffer space opened after a {@link Connection#write} accepted less than offered. */
    WRITABLE,
    /** The peer sent FIN: once the buffered bytes are read, {@code read} returns -1. */
    PEER_CLOSED,
    /** The connection finished gracefully (or was aborted by this side). Terminal. */
    CLOSED,
    /** The peer reset the connection, or refused it. Terminal. */
    RESET,
    /** The peer stopped answering (connect timeout, user timeout, keepalive). Terminal. */
    TIMED_OUT,
    /**
     * The peer's UDP address changed (a NAT rebinding, validated first): {@link Connection#remoteAddress()}
     * is the new one.
     */
    PEER_ADDRESS_CHANGED;

    static final int COUNT = values().length;

    int bit()
    {
        return 1 << ordinal();
    }
}
