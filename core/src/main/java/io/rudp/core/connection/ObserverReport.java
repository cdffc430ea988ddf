package io.rudp.core.connection;

/**
 * Tells the endpoint's {@link ConnectionObserver} when a recovery episode begins or ends and when the
 * congestion controller changes state, remembering what it last told so each change is told once.
 */
final class ObserverReport
{
    private final Connection owner;
    private final ConnectionHost host;
    private final ConnectionParts parts;
    private boolean observedRecovery;
    private String observedCongestionState;

    ObserverReport(final Connection owner, final ConnectionHost host, final ConnectionParts parts)
    {
        this.owner = owner;
        this.host = host;
        this.parts = parts;
    }

    /** After anything that may have begun or ended recovery, or moved the controller. */
    void update(final long nowNs)
    {
        final boolean inRecovery = parts.recovery.inRecovery();
        if (inRecovery != observedRecovery)
        {
            observedRecovery = inRecovery;
            host.observer().onRecovery(owner, nowNs, inRecovery);
        }
        final String state = parts.path.congestion().stateName();
        if (state != observedCongestionState)
        {
            final String from = observedCongestionState;
            observedCongestionState = state;
            if (from != null)
            {
                host.observer().onCongestionState(owner, nowNs, from, state);
            }
        }
    }

    /** A retransmission timeout fired (the observer hears of each). */
    void retransmissionTimeout(final long nowNs)
    {
        host.observer().onRetransmissionTimeout(owner, nowNs, parts.path.rtt().rtoNs(), parts.liveness.consecutiveTimeouts());
    }
}
