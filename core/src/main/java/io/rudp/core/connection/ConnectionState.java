package io.rudp.core.connection;

/** The connection states of RFC 9293 §3.3.2. LISTEN belongs to an endpoint's port, not a connection. */
public enum ConnectionState
{
    LISTEN,
    SYN_SENT,
    SYN_RECEIVED,
    ESTABLISHED,
    FIN_WAIT_1,
    FIN_WAIT_2,
    CLOSE_WAIT,
    CLOSING,
    LAST_ACK,
    TIME_WAIT,
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
