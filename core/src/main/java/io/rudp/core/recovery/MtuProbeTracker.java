package io.rudp.core.recovery;

import io.rudp.core.codec.SeqNum;

/**
 * The path-MTU probe in flight (RFC 8899), whose loss is not congestion: settled against the
 * scoreboard as acknowledged or lost, and when lost, split into segments of the current size to
 * be resent as those.
 */
final class MtuProbeTracker
{
    private final SentLog log;
    private boolean outstanding;
    private int start;
    private int end;
    private LossRecovery.MtuProbeOutcome outcome = LossRecovery.MtuProbeOutcome.NONE;

    MtuProbeTracker(final SentLog log)
    {
        this.log = log;
    }

    /** The new data {@code [probeStart, probeEnd)} just sent is a probe. */
    void onSent(final int probeStart, final int probeEnd)
    {
        outstanding = true;
        start = probeStart;
        end = probeEnd;
    }

    /** {@return the probe's fate since the last call (then NONE until the next probe is settled)} */
    LossRecovery.MtuProbeOutcome take()
    {
        final LossRecovery.MtuProbeOutcome taken = outcome;
        if (taken != LossRecovery.MtuProbeOutcome.NONE)
        {
            outcome = LossRecovery.MtuProbeOutcome.NONE; // asked on every ACK: write only when there was news
        }
        return taken;
    }

    /**
     * Settles the outstanding probe: acknowledged if {@code ack} passed it or it was SACKed; lost if
     * it was just marked lost, and then split into records of {@code mssBytes}.
     *
     * @return the probe's bytes if it was deemed lost now (loss not to be taken for congestion), else 0
     */
    long settle(final int ack, final int mssBytes)
    {
        if (!outstanding)
        {
            return 0;
        }
        if (SeqNum.ge(ack, end))
        {
            return settled(LossRecovery.MtuProbeOutcome.ACKED, 0);
        }
        final int ordinal = log.firstEndingAfter(start);
        if (ordinal >= log.size())
        {
            return settled(LossRecovery.MtuProbeOutcome.ACKED, 0);
        }
        final int slot = log.slot(ordinal);
        if (SeqNum.gt(log.start(slot), start))
        {
            return settled(LossRecovery.MtuProbeOutcome.ACKED, 0); // acknowledged in part: it arrived
        }
        if (log.is(slot, SentLog.SACKED))
        {
            return settled(LossRecovery.MtuProbeOutcome.ACKED, 0);
        }
        if (log.is(slot, SentLog.LOST))
        {
            final long bytes = log.length(slot);
            log.split(ordinal, mssBytes);
            return settled(LossRecovery.MtuProbeOutcome.LOST, bytes);
        }
        return 0;
    }

    /** Settles against what the peer has acknowledged so far (the oldest record still in the log). */
    long settleAtOldest(final int mssBytes)
    {
        return settle(log.isEmpty() ? end : log.start(log.slot(0)), mssBytes);
    }

    private long settled(final LossRecovery.MtuProbeOutcome result, final long lostBytes)
    {
        outstanding = false;
        outcome = result;
        return lostBytes;
    }
}
