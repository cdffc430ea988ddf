package io.rudp.core.connection;

/**
 * Told of the moments in a connection's life that a transport may want to record (JDK Flight
 * Recorder events, metrics): timeouts, loss-recovery episodes, congestion-control state changes.
 * Called on the engine's thread, synchronously: implementations must be quick and must not call
 * back into the endpoint. Install with {@link Endpoint#observer}. Default methods do nothing.
 */
public interface ConnectionObserver
{
    /**
     * An observer that does nothing.
     */
    ConnectionObserver NONE = new ConnectionObserver()
    {
    };

    /**
     * The retransmission timer expired with data outstanding.
     *
     * @param rtoNs    the timeout that expired
     * @param timeouts expiries in a row, this one included
     *
     * @param connection the connection
     * @param nowNs the caller's clock, in nanoseconds
     */
    default void onRetransmissionTimeout(Connection connection, long nowNs, long rtoNs, int timeouts)
    {
    }

    /**
     * A loss-recovery episode began ({@code started}) or ended.
     *
     * @param connection the connection
     * @param nowNs the caller's clock, in nanoseconds
     * @param started true when the episode begins, false when it ends
     */
    default void onRecovery(Connection connection, long nowNs, boolean started)
    {
    }

    /**
     * The congestion controller's state changed (names from {@code CongestionControl.stateName()}).
     *
     * @param connection the connection
     * @param nowNs the caller's clock, in nanoseconds
     * @param from the state before
     * @param to the state now
     */
    default void onCongestionState(Connection connection, long nowNs, String from, String to)
    {
    }
}
