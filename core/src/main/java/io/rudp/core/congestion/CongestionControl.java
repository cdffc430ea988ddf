package io.rudp.core.congestion;

/**
 * A congestion controller: decides how many bytes may be in flight. The connection tells it what
 * happened (bytes acknowledged, a loss detected, a retransmission timeout); it answers with a window.
 *
 * <p>Loss detection and recovery bookkeeping stay in the connection; a controller only reacts. One
 * instance per connection, driven from the connection's thread, so implementations need no locking.
 */
public interface CongestionControl
{
    /** Creates a controller for one connection. */
    @FunctionalInterface
    interface Factory
    {
        CongestionControl create(int mssBytes);
    }

    /** Current congestion window in bytes. */
    long cwndBytes();

    /** Slow-start threshold in bytes ({@link Long#MAX_VALUE} before the first loss). */
    long ssthreshBytes();

    /**
     * New data was cumulatively acknowledged.
     *
     * @param nowNs          the caller's clock
     * @param ackedBytes     bytes newly acknowledged by this ACK
     * @param rttNs          RTT sample taken from this ACK, or -1 if none
     * @param inFlightBytes  bytes outstanding before this ACK
     * @param inRecovery     true while fast recovery is in progress (the window must not grow)
     */
    void onAck(long nowNs, long ackedBytes, long rttNs, long inFlightBytes, boolean inRecovery);

    /** Loss was detected by duplicate ACKs: fast recovery starts (at most once per window). */
    void onCongestionEvent(long nowNs, long inFlightBytes);

    /** Fast recovery ended: every byte outstanding when it began is acknowledged. */
    void onRecoveryEnd(long nowNs, long inFlightBytes);

    /** The retransmission timer expired. */
    void onRetransmissionTimeout(long nowNs, long inFlightBytes);

    /** Short name for stats and traces, e.g. {@code "newreno"}. */
    String name();
}
