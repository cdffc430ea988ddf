package io.rudp.core.connection;

/** The connection states of RFC 9293 §3.3.2. LISTEN belongs to an endpoint's port, not a connection. */
public enum ConnectionState
{
    /** Waiting for a SYN (a listening port; no connection object is in this state). */
    LISTEN,
    /** Our SYN is out; waiting for the SYN+ACK. */
    SYN_SENT,
    /** The peer's SYN arrived and our SYN+ACK is out; waiting for its ACK. */
    SYN_RECEIVED,
    /** Open both ways. */
    ESTABLISHED,
    /** We closed (FIN sent), not yet acknowledged. */
    FIN_WAIT_1,
    /** Our FIN is acknowledged; the peer may still send. */
    FIN_WAIT_2,
    /** The peer closed (its FIN arrived); we may still send. */
    CLOSE_WAIT,
    /** Both closed at once; waiting for the ACK of our FIN. */
    CLOSING,
    /** The peer closed first and so did we; waiting for the ACK of our FIN. */
    LAST_ACK,
    /** Both closed; lingering 2 MSL to absorb old duplicates. */
    TIME_WAIT,
    /** Ended, normally or not (see {@link Connection#closeReason()}). */
    CLOSED;

    /** {@return true once both ISNs are known and acknowledged: RFC 5961 rules apply from here on} */
    public boolean isSynchronized()
    {
        return this != LISTEN && this != SYN_SENT && this != SYN_RECEIVED && this != CLOSED;
    }

    /** {@return states in which arriving data is accepted (the peer has not sent FIN yet)} */
    public boolean acceptsData()
    {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }

    /** {@return states in which this side may still send data} */
    public boolean sendsData()
    {
        return this == ESTABLISHED || this == CLOSE_WAIT;
    }
}
