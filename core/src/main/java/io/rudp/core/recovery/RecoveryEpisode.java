package io.rudp.core.recovery;

import io.rudp.core.codec.SeqNum;
import io.rudp.core.stats.ConnectionCounters;

/**
 * One recovery episode at a time: fast recovery after a detected loss, or recovery after a
 * retransmission timeout, from its start to the ACK of everything outstanding then (RFC 6582's
 * "recover"), and whether its congestion response may still be undone (RFC 3522, RFC 3708) if its
 * retransmissions turn out needless.
 */
final class RecoveryEpisode
{
    private final RecoveryPath path;
    private final ConnectionCounters counters;
    private boolean active;
    private boolean afterTimeout;
    /**
     * One past RFC 6582's "recover" (the highest sequence number sent when the episode or the last
     * timeout began): SND.MAX then. Duplicate ACKs start fast retransmit only when their ACK covers
     * more than recover, that is when SND.UNA is past this.
     */
    private int recoverSeq;
    /** Retransmissions of the episode not yet shown needless; 0 after some were sent means all were. */
    private int undoRetransmits;
    private boolean undoPossible;
    /** The first retransmission of an episode goes out at once, whatever the window (RFC 6675 §5 step 4.2). */
    private boolean firstRetransmitDue;

    RecoveryEpisode(final RecoveryPath path, final ConnectionCounters counters)
    {
        this.path = path;
        this.counters = counters;
    }

    /** recover = ISS (RFC 6582 §3.2 step 1): one past it is ISS + 1, what the SYN's ACK acknowledges. */
    void init(final int iss)
    {
        recoverSeq = iss + 1;
    }

    boolean active()
    {
        return active;
    }

    /** {@return whether the episode under way began with a retransmission timeout} */
    boolean afterTimeout()
    {
        return afterTimeout;
    }

    /** {@return whether this is fast recovery (an episode not begun by a timeout)} */
    boolean fast()
    {
        return active && !afterTimeout;
    }

    int recoverSeq()
    {
        return recoverSeq;
    }

    boolean firstRetransmitDue()
    {
        return firstRetransmitDue;
    }

    boolean undoPossible()
    {
        return undoPossible;
    }

    /** A loss was detected: fast recovery begins, and the controller responds. */
    void start(final long nowNs, final int sndMax, final long inFlightBytes)
    {
        active = true;
        afterTimeout = false;
        recoverSeq = sndMax;
        firstRetransmitDue = true;
        undoPossible = true;
        undoRetransmits = 0;
        path.congestion().onCongestionEvent(nowNs, inFlightBytes);
        counters.fastRetransmits++;
    }

    /** NewReno sends its fast retransmit by itself: the episode's first retransmission is not pending. */
    void firstRetransmitSent()
    {
        firstRetransmitDue = false;
    }

    /** The retransmission timer fired: everything outstanding is to be recovered. */
    void startAfterTimeout(final int sndMax)
    {
        active = true;
        afterTimeout = true;
        recoverSeq = sndMax;
        firstRetransmitDue = true;
        undoPossible = true;
        undoRetransmits = 0;
    }

    /** {@return whether the cumulative ACK {@code ack} ends the episode} */
    boolean endsAt(final int ack)
    {
        return active && SeqNum.ge(ack, recoverSeq);
    }

    /** The episode ends: after fast recovery the controller settles its window to what is in flight. */
    void end(final long nowNs, final int ack, final int sndMax)
    {
        active = false;
        firstRetransmitDue = false;
        if (!afterTimeout)
        {
            path.congestion().onRecoveryEnd(nowNs, SeqNum.diff(sndMax, ack));
        }
        afterTimeout = false;
    }

    /** A record was sent again. */
    void onRetransmitted()
    {
        firstRetransmitDue = false;
        if (undoPossible)
        {
            undoRetransmits++;
        }
    }

    /** {@return true if a D-SACK for one retransmission leaves none of the episode's needed} */
    boolean onNeedlessRetransmission()
    {
        if (undoPossible && undoRetransmits > 0)
        {
            undoRetransmits--;
            return undoRetransmits == 0;
        }
        return false;
    }

    /**
     * A tail-loss probe repaired a lost tail: the window is reduced as for any loss; a D-SACK for
     * the probe arriving later shows the tail had not been lost, and undoes it.
     */
    void tailRepaired(final long nowNs, final long inFlightBytes)
    {
        path.congestion().onCongestionEvent(nowNs, inFlightBytes);
        path.congestion().onRecoveryEnd(nowNs, inFlightBytes);
        undoPossible = true;
        undoRetransmits = 1;
    }

    /**
     * The losses that started the episode were not losses: it ends, and the controller restores its
     * window.
     *
     * @return false if there was nothing to undo
     */
    boolean undo()
    {
        if (!undoPossible)
        {
            return false;
        }
        undoPossible = false;
        counters.spuriousRecoveries++;
        active = false;
        afterTimeout = false;
        firstRetransmitDue = false;
        return true;
    }

    String describe(final int iss)
    {
        return "recovery=" + active + (afterTimeout ? "(rto)" : "") + " recover=" + (recoverSeq - iss);
    }
}
