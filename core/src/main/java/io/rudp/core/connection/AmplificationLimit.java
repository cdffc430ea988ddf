package io.rudp.core.connection;

/**
 * RFC 9000 §8.1's anti-amplification rule, applied to a passive open: until the peer's address is
 * validated (its ACK of our SYN+ACK), the bytes sent to it stay within {@link #FACTOR} times the
 * bytes received from it. The first SYN+ACK always fits (a SYN is at least 28 bytes, a SYN+ACK at
 * most 60); a retransmission may have to wait for the peer's own retransmitted SYN, so a SYN from
 * a spoofed address cannot make this endpoint a reflector.
 */
final class AmplificationLimit
{
    /** Bytes sent to an unvalidated address per byte received from it, at most (QUIC's figure). */
    static final int FACTOR = 3;

    private long receivedBytes;
    private long sentBytes;
    private int lastSynAckBytes;

    /** A datagram of {@code bytes} arrived from the unvalidated address. */
    void onReceived(final int bytes)
    {
        receivedBytes += bytes;
    }

    /** {@return whether a SYN+ACK like the last one may go now} */
    boolean allowsSynAck()
    {
        return lastSynAckBytes == 0 || sentBytes + lastSynAckBytes <= FACTOR * receivedBytes;
    }

    /** A SYN+ACK of {@code bytes} went out. */
    void onSynAckSent(final int bytes)
    {
        sentBytes += bytes;
        lastSynAckBytes = bytes;
    }
}
