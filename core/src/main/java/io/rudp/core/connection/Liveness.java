package io.rudp.core.connection;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.timer.Deadlines;

/**
 * How long a connection keeps trying before it gives the peer up: SYN retries, the user timeout
 * over retransmission timeouts (RFC 9293 §3.8.3's R2) and over window probes, keepalive probes
 * (RFC 9293 §3.8.4), and the network's word that nothing receives at the peer's port. Each timer
 * event asks it, and gets back the reason to give up, or null to carry on.
 *
 * <p>Every "since" is a flag and a time, never a sentinel: a real clock can read any value.
 */
final class Liveness
{
    /** The persist backoff stops doubling here (the interval is capped at the maximum RTO anyway). */
    private static final int MAX_PERSIST_SHIFT = 30;

    private final int synRetries;
    private final long userTimeoutNs;
    private final int keepAliveProbes;
    private final long maxRtoNs;

    /** When our SYN (or SYN+ACK) last went out, if {@link #synSent} (not for a SYN cookie). */
    private long synSentNs;
    private boolean synSent;
    private int synRetransmits;
    /** When the retransmission timer first fired without progress since, while {@link #timingOut}. */
    private long firstTimeoutNs;
    private boolean timingOut;
    /** Retransmission timeouts since the peer last acknowledged anything (black-hole detection). */
    private int consecutiveTimeouts;
    private int persistShift;
    private long persistSinceNs;
    private boolean persisting;
    private int keepAliveProbesSent;
    /** The network said nothing receives at the peer's port, and nothing came from the peer since. */
    private boolean peerPortUnreachable;

    Liveness(final RudpConfig config)
    {
        this.synRetries = config.synRetries();
        this.userTimeoutNs = config.userTimeoutNs();
        this.keepAliveProbes = config.keepAliveProbes();
        this.maxRtoNs = config.maxRtoNs();
    }

    // --- the handshake -------------------------------------------------------------------------

    /** A SYN or SYN+ACK went out at {@code nowNs}. */
    void onSynSent(final long nowNs)
    {
        synSentNs = nowNs;
        synSent = true;
    }

    /** {@return the handshake's RTT sample, or -1 if there is none (Karn: not after a retransmitted SYN)} */
    long synRttSampleNs(final long nowNs)
    {
        return synSent && synRetransmits == 0 ? nowNs - synSentNs : -1;
    }

    /**
     * The SYN went unanswered for an RTO.
     *
     * @return true to send it again, false if the retries are spent
     */
    boolean onSynTimeout()
    {
        if (synRetransmits >= synRetries)
        {
            return false;
        }
        synRetransmits++;
        return true;
    }

    /** {@return whether the SYN has been sent more than once (the one being sent, too)} */
    boolean synRetransmitted()
    {
        return synRetransmits > 0;
    }

    // --- retransmission timeouts ---------------------------------------------------------------

    /**
     * The retransmission timer fired with data outstanding.
     *
     * @return why to give up (the user timeout has passed since the first of these timeouts, or
     * the peer's port is unreachable), or null to retransmit
     */
    CloseReason onRetransmitTimeout(final long nowNs)
    {
        if (!timingOut)
        {
            timingOut = true;
            firstTimeoutNs = nowNs;
        }
        else if (nowNs - firstTimeoutNs >= userTimeoutNs)
        {
            return CloseReason.PEER_UNREACHABLE;
        }
        if (peerPortUnreachable)
        {
            // The network said nothing receives at the peer's port and nothing came back since:
            // the peer process is gone. (A forged ICMP error cannot do this to a live peer, whose
            // next segment clears the mark.)
            return CloseReason.PEER_PORT_UNREACHABLE;
        }
        consecutiveTimeouts++;
        return null;
    }

    /** {@return retransmission timeouts in a row without an ACK} */
    int consecutiveTimeouts()
    {
        return consecutiveTimeouts;
    }

    /** When the retransmission timer armed at {@code nowNs} fires: an RTO on, or the user timeout if that comes first. */
    long retransmitDeadlineNs(final long nowNs, final long rtoNs)
    {
        final long deadlineNs = nowNs + rtoNs;
        // Wake up in time to give up when the user timeout is reached, not one backed-off RTO later.
        return timingOut ? Deadlines.earlier(deadlineNs, firstTimeoutNs + userTimeoutNs) : deadlineNs;
    }

    /** The peer acknowledged new data: every give-up count starts over. */
    void onProgress()
    {
        timingOut = false;
        consecutiveTimeouts = 0;
        persisting = false;
    }

    // --- window probes -------------------------------------------------------------------------

    /**
     * The persist timer fired with data held back by the peer's window.
     *
     * @return {@link CloseReason#PEER_UNREACHABLE} once the window has stayed shut for the user
     * timeout, or null to probe (each probe doubles the next interval)
     */
    CloseReason onPersistTimeout(final long nowNs)
    {
        if (!persisting)
        {
            persisting = true;
            persistSinceNs = nowNs;
        }
        else if (nowNs - persistSinceNs >= userTimeoutNs)
        {
            return CloseReason.PEER_UNREACHABLE;
        }
        if (persistShift < MAX_PERSIST_SHIFT)
        {
            persistShift++;
        }
        return null;
    }

    /** The peer opened its window: probing starts over at one RTO. */
    void onWindowOpened()
    {
        persistShift = 0;
    }

    /** {@return the persist interval: the RTO, doubled per probe, at most the maximum RTO} */
    long persistIntervalNs(final long rtoNs)
    {
        final long shifted = persistShift >= MAX_PERSIST_SHIFT ? Long.MAX_VALUE : rtoNs << persistShift;
        return Math.min(shifted < 0 ? Long.MAX_VALUE : shifted, maxRtoNs);
    }

    // --- keepalive and the peer's port ---------------------------------------------------------

    /**
     * The keepalive timer fired on an idle connection.
     *
     * @return why to give up (the peer's port is unreachable, or the probes went unanswered), or
     * null to send one more probe
     */
    CloseReason onKeepAliveTimeout()
    {
        if (peerPortUnreachable)
        {
            return CloseReason.PEER_PORT_UNREACHABLE;
        }
        if (keepAliveProbesSent >= keepAliveProbes)
        {
            return CloseReason.PEER_UNREACHABLE;
        }
        keepAliveProbesSent++;
        return null;
    }

    /** The network reported the peer's port unreachable (ICMP, which may be forged: only a mark). */
    void onPortUnreachable()
    {
        peerPortUnreachable = true;
    }

    /** The peer proved alive: keepalive counts afresh, and an ICMP report is disproved. */
    void onPeerHeard()
    {
        keepAliveProbesSent = 0;
        peerPortUnreachable = false;
    }
}
