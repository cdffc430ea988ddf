package io.rudp.core.congestion;

/**
 * A congestion controller: decides how many bytes may be in flight and how fast they are released.
 * The connection tells it what happened (segments sent, an ACK with its rate sample, a loss episode,
 * a retransmission timeout, a loss that proved spurious); it answers with a window and a pacing rate.
 *
 * <p>Loss detection and recovery bookkeeping stay in the connection; a controller only reacts. One
 * instance per connection, driven from the connection's thread, so implementations need no locking.
 * Implementations: {@link NewReno}, {@link Cubic}, {@link Bbr}; {@link CongestionControls} finds
 * them by name.
 */
public interface CongestionControl
{
    /** Creates a controller for one connection. */
    @FunctionalInterface
    interface Factory
    {
        /**
         * A controller for one connection.
         *
         * @param mssBytes data bytes in a full segment
         * @return a new controller
         */
        CongestionControl create(int mssBytes);
    }

    /** {@return current congestion window in bytes} */
    long cwndBytes();

    /** {@return slow-start threshold in bytes ({@link Long#MAX_VALUE} before the first loss)} */
    long ssthreshBytes();

    /**
     * Rate to release segments at, in bytes per second, or 0 to let the connection derive one from
     * the window and the RTT (as Linux does for window-based algorithms).
     *
     * @return bytes per second, or 0
     */
    default long pacingRateBytesPerSecond()
    {
        return 0;
    }

    /** {@return true while the window grows exponentially (the connection paces faster then)} */
    default boolean inSlowStart()
    {
        return cwndBytes() < ssthreshBytes();
    }

    /**
     * A data segment went out ({@code retransmission} or new); {@code inFlightBytes} counts it.
     *
     * @param nowNs the connection's clock
     * @param bytes data bytes in the segment
     * @param inFlightBytes bytes in the network, this segment included
     * @param retransmission whether the bytes were sent before
     */
    default void onSent(final long nowNs, final long bytes, final long inFlightBytes, final boolean retransmission)
    {
    }

    /**
     * An ACK arrived that acknowledged or SACKed data.
     *
     * @param ack what the ACK did (valid during the call only)
     */
    void onAck(AckSample ack);

    /**
     * Loss was detected (RACK, duplicate ACKs, or a tail-loss probe): recovery starts, at most once per window.
     *
     * @param nowNs the connection's clock
     * @param inFlightBytes bytes in the network when it happened
     */
    void onCongestionEvent(long nowNs, long inFlightBytes);

    /**
     * Fast recovery ended: every byte outstanding when it began is acknowledged.
     *
     * @param nowNs the connection's clock
     * @param inFlightBytes bytes in the network when it happened
     */
    void onRecoveryEnd(long nowNs, long inFlightBytes);

    /**
     * The retransmission timer expired.
     *
     * @param nowNs the connection's clock
     * @param inFlightBytes bytes in the network when it happened
     */
    void onRetransmissionTimeout(long nowNs, long inFlightBytes);

    /**
     * The last congestion event (or timeout) proved spurious: the segments deemed lost had arrived
     * (timestamps or D-SACK showed it). Restore the window as it was before that event.
     *
     * @param nowNs the connection's clock
     */
    void onSpuriousCongestionEvent(long nowNs);

    /**
     * The segment size changed (path MTU discovery found a larger one, or the path stopped carrying
     * the old one). The window stays the same in bytes, as Linux keeps it after a probe; what counts
     * in segments (the minimum window, growth per ACK) follows the new size.
     *
     * @param mssBytes data bytes in a full segment now
     */
    default void onSegmentSizeChanged(final int mssBytes)
    {
    }

    /**
     * The controller's state, for observers: {@code "slow_start"} or {@code "congestion_avoidance"}
     * for window-based control, BBR's mode for BBR. One constant per state, so a change shows as a
     * new reference.
     *
     * @return the state's name
     */
    default String stateName()
    {
        return inSlowStart() ? "slow_start" : "congestion_avoidance";
    }

    /** {@return short name for stats and traces, e.g. {@code "newreno"}} */
    String name();
}
