package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.congestion.AckSample;
import io.rudp.core.congestion.CongestionControl;
import io.rudp.core.stats.ConnectionCounters;

/**
 * A connection's loss detection and recovery, over the {@link SentLog} of segments in flight.
 *
 * <p>With SACK (RFC 2018) the detector is RACK-TLP (RFC 8985): a segment is lost once a segment sent
 * after it has been delivered and a reordering window has passed; the window adapts when D-SACKs or
 * timestamps show that retransmissions were spurious; a tail-loss probe two RTTs after the last send
 * turns a lost tail into an ACK carrying SACK instead of a retransmission timeout. Without SACK it is
 * NewReno (RFC 5681 §3.2, RFC 6582): fast retransmit on the third duplicate ACK, window inflation per
 * further duplicate, the next hole resent on each partial ACK.
 *
 * <p>Every ACK also yields a delivery-rate sample (draft-cheng-iccrg-delivery-rate-estimation) for the
 * congestion controller, and spurious retransmissions (Eifel timestamps, RFC 3522; D-SACK, RFC 3708)
 * are counted and undo the congestion response they caused.
 *
 * <p>This class runs the recovery episodes, NewReno, and the spurious-retransmission checks; the
 * pieces of RACK-TLP are {@link Rack}, {@link TailLossProbe} and {@link DeliveryRateSampler}. The
 * connection owns the sequence space and passes SND.UNA / SND.MAX in. The congestion response
 * itself belongs to the {@link CongestionControl}.
 */
public final class LossRecovery
{
    /** RFC 5681 / RFC 6675 DupThresh. */
    static final int DUP_THRESH = 3;
    /** Sentinel: no timer wanted. */
    public static final long NONE = Long.MAX_VALUE;
    private static final int RECENT_RETRANSMITS = 64;

    private final RecoveryPath path;
    private final ConnectionCounters counters;
    private final SentLog log = new SentLog();
    private final AckSample sample = new AckSample();
    private boolean sack;
    private int mssBytes = 1;

    // Recovery episode (fast recovery, or recovery after a timeout).
    private boolean inRecovery;
    private boolean timeoutRecovery;
    /** RFC 6582 "recover": SND.MAX when recovery (or the last timeout) began. */
    private int recoverSeq;
    /** Retransmissions of the episode not yet shown spurious; 0 after some were sent means all were. */
    private int undoRetransmits;
    private boolean undoPossible;
    /** The first retransmission of an episode goes out at once, whatever the window (RFC 6675 §5 step 4.2). */
    private boolean firstRetransmitDue;

    // NewReno without SACK.
    private int dupAcks;
    private long inflationBytes;
    private boolean retransmitOneDue;

    // RACK-TLP and rate sampling, with SACK.
    private final Rack rack = new Rack();
    private final TailLossProbe tlp = new TailLossProbe();
    private final DeliveryRateSampler rate = new DeliveryRateSampler();

    // Recent retransmissions, so a D-SACK can tell a spurious one from a network duplicate.
    /** The path-MTU probe outstanding ({@link #onMtuProbeSent}), whose loss is not congestion. */
    private boolean mtuProbeOutstanding;
    private int mtuProbeStart;
    private int mtuProbeEnd;
    private MtuProbeOutcome mtuProbeOutcome = MtuProbeOutcome.NONE;

    private final int[] recentRetransmitStart = new int[RECENT_RETRANSMITS];
    private final int[] recentRetransmitEnd = new int[RECENT_RETRANSMITS];
    private int recentRetransmitNext;

    /**
     * @param path the RTTs and the congestion controller of the path recovered on
     * @param counters where retransmissions, probes and spurious recoveries are counted
     */
    public LossRecovery(final RecoveryPath path, final ConnectionCounters counters)
    {
        this.path = path;
        this.counters = counters;
    }

    /**
     * Starts the sequence space at the ISN: recover = ISS (RFC 6582 §3.2 step 1).
     *
     * @param iss the connection's initial send sequence number
     */
    public void init(final int iss)
    {
        recoverSeq = iss;
        rack.init(iss);
    }

    /**
     * Sets what the handshake negotiated: whether the peer SACKs, and the data bytes of a full segment.
     *
     * @param sackEnabled whether SACK was negotiated (RACK-TLP) or not (NewReno)
     * @param segmentBytes data bytes in a full segment
     */
    public void configure(final boolean sackEnabled, final int segmentBytes)
    {
        sack = sackEnabled;
        mssBytes = segmentBytes;
    }

    /**
     * {@return the scoreboard of segments in flight}
     */
    public SentLog log()
    {
        return log;
    }

    /**
     * {@return whether a recovery episode (fast, or after a timeout) is under way}
     */
    public boolean inRecovery()
    {
        return inRecovery;
    }

    /**
     * Extra window NewReno fast recovery allows on top of cwnd (0 with SACK, where the pipe governs).
     *
     * @return the byte count
     */
    public long inflationBytes()
    {
        return inflationBytes;
    }

    /**
     * Bytes believed in the network (RFC 6675 "pipe"): sent, not SACKed, not deemed lost.
     *
     * @return the byte count
     */
    public long inFlightBytes()
    {
        return log.inFlightBytes();
    }

    // ------------------------------------------------------------------------------------------
    // Sending
    // ------------------------------------------------------------------------------------------

    /**
     * New data {@code [start, end)} went out (FIN included in {@code end}).
     *
     * @param nowNs the connection's clock
     * @param start the first sequence number
     * @param end the sequence number after the last (FIN included)
     * @param tsVal the TSval it carried
     */
    public void onSent(final long nowNs, final int start, final int end, final int tsVal)
    {
        final long inFlightBefore = log.inFlightBytes();
        final int slot = log.append(start, end, nowNs, tsVal);
        rate.onSent(nowNs, log, slot, inFlightBefore);
    }

    /**
     * The record in {@code slot} was sent again.
     *
     * @param nowNs the connection's clock
     * @param slot the record's slot in the log
     * @param tsVal the TSval it carried
     */
    public void onRetransmitted(final long nowNs, final int slot, final int tsVal)
    {
        final long inFlightBefore = log.inFlightBytes();
        log.retransmitted(slot, nowNs, tsVal);
        rate.onSent(nowNs, log, slot, inFlightBefore);
        firstRetransmitDue = false;
        if (undoPossible)
        {
            undoRetransmits++;
        }
        recentRetransmitStart[recentRetransmitNext] = log.start(slot);
        recentRetransmitEnd[recentRetransmitNext] = log.end(slot);
        recentRetransmitNext = (recentRetransmitNext + 1) % RECENT_RETRANSMITS;
    }

    /**
     * The sender has nothing more to send although the window would allow it: rate samples taken
     * until what is in flight now is delivered understate the path.
     *
     * @param cwndBytes the congestion window now
     */
    public void onAppLimited(final long cwndBytes)
    {
        rate.onAppLimited(log.inFlightBytes(), cwndBytes);
    }

    /**
     * The slot of the next record to retransmit, or -1: the lowest-sequence record deemed lost, if the
     * window leaves room for it (the first retransmission of an episode is not held back).
     *
     * @param cwndBytes the congestion window now
     * @return the slot, or -1
     */
    public int nextRetransmission(final long cwndBytes)
    {
        if (log.lostBytes() == 0)
        {
            return -1;
        }
        for (int i = 0; i < log.size(); i++)
        {
            final int slot = log.slot(i);
            if (log.is(slot, SentLog.LOST))
            {
                final boolean room = log.inFlightBytes() + log.length(slot) <= cwndBytes;
                return room || firstRetransmitDue ? slot : -1;
            }
        }
        return -1;
    }

    /**
     * NewReno: whether the segment at SND.UNA is due for retransmission now (and clears the flag).
     *
     * @return whether it is due
     */
    public boolean takeRetransmitOne()
    {
        final boolean due = retransmitOneDue;
        retransmitOneDue = false;
        return due;
    }

    // ------------------------------------------------------------------------------------------
    // ACK processing
    // ------------------------------------------------------------------------------------------

    /**
     * Processes an acceptable ACK: SACK blocks, the cumulative acknowledgement, RACK loss detection,
     * tail-loss-probe outcome, spurious-retransmission checks and the congestion controller's update.
     *
     * @param sndUna    SND.UNA before this ACK
     * @param duplicate whether it is a duplicate ACK by RFC 5681 §2
     * @param rttNs     RTT sample the connection took from it, or -1
     * @return the sample handed to the congestion controller (valid until the next call)
     *
     * @param nowNs the connection's clock
     * @param seg the ACK
     * @param sndMax SND.MAX, the highest sequence number sent
     */
    public AckSample onAck(final long nowNs, final Segment seg, final int sndUna, final int sndMax,
        final boolean duplicate, final long rttNs)
    {
        final long srttNs = path.srttNs();
        final long minRttNs = path.minRttNs();
        final CongestionControl congestion = path.congestion();
        final AckSample s = sample.reset(nowNs);
        s.rttNs = rttNs;
        s.srttNs = srttNs;
        s.minRttNs = minRttNs == Long.MAX_VALUE ? -1 : minRttNs;
        s.priorInFlightBytes = log.inFlightBytes();
        final int ack = seg.ack;
        final boolean advanced = SeqNum.gt(ack, sndUna);
        rack.beginAck();
        boolean dsack = false;
        if (sack && seg.sackBlockCount > 0)
        {
            dsack = isDsack(seg, ack);
            if (dsack)
            {
                onDsack(nowNs, seg.sackLeft[0], seg.sackRight[0], sndUna, sndMax);
            }
            for (int i = dsack ? 1 : 0; i < seg.sackBlockCount; i++)
            {
                markSacked(nowNs, seg, seg.sackLeft[i], seg.sackRight[i], sndUna, sndMax);
            }
        }
        boolean spurious = false;
        if (advanced)
        {
            s.ackedBytes = SeqNum.diff(ack, sndUna);
            spurious = acknowledgeCumulatively(nowNs, seg, ack);
        }
        rate.finish(s, minRttNs);
        if (spurious)
        {
            undo(nowNs);
        }
        if (advanced && inRecovery && SeqNum.ge(ack, recoverSeq))
        {
            endRecovery(nowNs, ack, sndMax);
        }
        if (advanced)
        {
            dupAcks = 0;
        }
        if (!sack)
        {
            onAckWithoutSack(nowNs, ack, advanced, duplicate, sndUna, sndMax);
        }
        else
        {
            if (duplicate || (!advanced && s.deliveredBytes > 0))
            {
                dupAcks++;
                counters.duplicateAcks++;
            }
            s.lostBytes = detectLoss(nowNs);
            final long probeLostBytes = settleMtuProbe(ack);
            if (s.lostBytes > probeLostBytes && !inRecovery)
            {
                startRecovery(nowNs, sndMax, s.priorInFlightBytes);
            }
            if (tlp.onAck(ack, advanced, dsack, duplicate && s.deliveredBytes == 0) && !inRecovery)
            {
                // The probe repaired a lost tail: reduce the window as for any loss; a D-SACK for the
                // probe arriving later shows the tail had not been lost, and undoes it.
                congestion.onCongestionEvent(nowNs, log.inFlightBytes());
                congestion.onRecoveryEnd(nowNs, log.inFlightBytes());
                undoPossible = true;
                undoRetransmits = 1;
            }
        }
        s.inFlightBytes = log.inFlightBytes();
        s.inRecovery = inRecovery;
        s.inTimeoutRecovery = inRecovery && timeoutRecovery;
        if (s.deliveredBytes > 0 || s.ackedBytes > 0)
        {
            congestion.onAck(s);
        }
        return s;
    }

    /** RFC 2883 §4: the first block reports a duplicate if it lies below the ACK or inside the second block. */
    private static boolean isDsack(final Segment seg, final int ack)
    {
        final int left = seg.sackLeft[0];
        final int right = seg.sackRight[0];
        if (SeqNum.le(right, ack))
        {
            return true;
        }
        return seg.sackBlockCount > 1 && SeqNum.ge(left, seg.sackLeft[1]) && SeqNum.le(right, seg.sackRight[1]);
    }

    /** A duplicate arrived at the peer: if we had retransmitted that range, the retransmission was spurious. */
    private void onDsack(final long nowNs, final int left, final int right, final int sndUna, final int sndMax)
    {
        if (!SeqNum.lt(left, right) || !takeRetransmission(left, right))
        {
            return; // a duplicate the network made, one already reported, or a forged block
        }
        counters.spuriousRetransmissions++;
        rack.onDsack(sndUna, sndMax);
        if (undoPossible && undoRetransmits > 0)
        {
            undoRetransmits--;
            if (undoRetransmits == 0)
            {
                undo(nowNs); // every retransmission of the episode was needless
            }
        }
    }

    /**
     * Whether {@code [left, right)} overlaps a recent retransmission; if so that retransmission is
     * forgotten, so that a second report of the same duplicate does not count it twice.
     */
    private boolean takeRetransmission(final int left, final int right)
    {
        for (int i = 0; i < RECENT_RETRANSMITS; i++)
        {
            final int start = recentRetransmitStart[i];
            final int end = recentRetransmitEnd[i];
            if (start != end && SeqNum.lt(left, end) && SeqNum.gt(right, start))
            {
                recentRetransmitStart[i] = 0;
                recentRetransmitEnd[i] = 0;
                return true;
            }
        }
        return false;
    }

    /** Marks the records wholly inside one SACK block; blocks outside (SND.UNA, SND.MAX] are ignored. */
    private void markSacked(final long nowNs, final Segment seg, final int left, final int right, final int sndUna,
        final int sndMax)
    {
        if (!SeqNum.lt(left, right) || SeqNum.lt(left, sndUna) || SeqNum.gt(right, sndMax))
        {
            return;
        }
        for (int i = log.firstEndingAfter(left); i < log.size(); i++)
        {
            final int slot = log.slot(i);
            if (SeqNum.ge(log.start(slot), right))
            {
                break;
            }
            if (SeqNum.ge(log.start(slot), left) && SeqNum.le(log.end(slot), right) && !log.is(slot, SentLog.SACKED))
            {
                log.markSacked(slot);
                onDelivered(nowNs, seg, slot);
            }
        }
    }

    /**
     * Removes the records the cumulative ACK covers.
     *
     * @return true if timestamps show that the retransmission of the oldest record was spurious
     */
    private boolean acknowledgeCumulatively(final long nowNs, final Segment seg, final int ack)
    {
        boolean spurious = false;
        boolean first = true;
        while (!log.isEmpty())
        {
            final int slot = log.slot(0);
            if (SeqNum.le(log.end(slot), ack))
            {
                if (first && log.is(slot, SentLog.RETRANSMITTED) && undoPossible && echoesEarlierSend(seg, slot))
                {
                    spurious = true; // Eifel (RFC 3522): the ACK was for the original transmission
                }
                onDelivered(nowNs, seg, slot);
                log.removeHead();
            }
            else
            {
                if (SeqNum.gt(ack, log.start(slot)))
                {
                    rate.onDeliveredBytes(nowNs, SeqNum.diff(ack, log.start(slot)), sample);
                    log.trimHead(ack);
                }
                break;
            }
            first = false;
        }
        return spurious;
    }

    /** The ACK echoes a timestamp older than the record's last transmission. */
    private boolean echoesEarlierSend(final Segment seg, final int slot)
    {
        return seg.hasTimestamps && seg.tsEcr != 0 && SeqNum.lt(seg.tsEcr, log.tsVal(slot));
    }

    /** A record reached the peer (by SACK or cumulative ACK; each counts once): rate sample and RACK. */
    private void onDelivered(final long nowNs, final Segment seg, final int slot)
    {
        if (log.is(slot, SentLog.DELIVERED))
        {
            return;
        }
        log.markDelivered(slot);
        rate.onDelivered(nowNs, log, slot, sample);
        // The ACK may be for an earlier transmission of a retransmitted record: then it gives no RTT.
        final boolean ambiguous = log.is(slot, SentLog.RETRANSMITTED)
            && (echoesEarlierSend(seg, slot) || nowNs - log.sentNs(slot) < sample.minRttNs);
        rack.onDelivered(nowNs, log, slot, ambiguous);
    }

    /** RACK loss detection over the log (RFC 8985 §6.2 step 5); returns bytes newly deemed lost. */
    private long detectLoss(final long nowNs)
    {
        return rack.detectLoss(nowNs, log, reorderingWindowNs(path.srttNs(), path.minRttNs()));
    }

    /** RACK's reordering window now (see {@link Rack#reorderingWindowNs}). */
    long reorderingWindowNs(final long srttNs, final long minRttNs)
    {
        return rack.reorderingWindowNs(srttNs, minRttNs, inRecovery, log.sackedBytes(), mssBytes);
    }

    /**
     * When the reordering timer should fire, or {@link #NONE}.
     *
     * @return the deadline on the connection's clock
     */
    public long reorderDeadlineNs()
    {
        return rack.deadlineNs();
    }

    /**
     * The reordering timer fired: run detection again (RFC 8985 §6.3).
     *
     * @param nowNs the connection's clock
     * @param sndMax SND.MAX
     */
    public void onReorderTimeout(final long nowNs, final int sndMax)
    {
        final long inFlightBefore = log.inFlightBytes();
        final long lostBytes = detectLoss(nowNs);
        if (lostBytes > settleMtuProbe(oldestOutstanding()) && !inRecovery)
        {
            startRecovery(nowNs, sndMax, inFlightBefore);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Path MTU probes (RFC 8899)
    // ------------------------------------------------------------------------------------------

    /** What became of the path-MTU probe. */
    public enum MtuProbeOutcome
    {
        /** No probe, or no news of it yet. */
        NONE,
        /** Acknowledged, cumulatively or by SACK: the path carries its size. */
        ACKED,
        /** Deemed lost: its size may be too big. */
        LOST
    }

    /**
     * The new data {@code [start, end)} just sent is a path-MTU probe: if it alone is deemed lost,
     * that is no sign of congestion (RFC 8899 §3: a lost probe must not reduce the window), and it is
     * resent as ordinary segments.
     *
     * @param start the probe's first sequence number
     * @param end the sequence number after its last
     */
    public void onMtuProbeSent(final int start, final int end)
    {
        mtuProbeOutstanding = true;
        mtuProbeStart = start;
        mtuProbeEnd = end;
    }

    /**
     * The probe's fate since the last call (then NONE until the next probe is settled).
     *
     * @return the outcome
     */
    public MtuProbeOutcome takeMtuProbeOutcome()
    {
        final MtuProbeOutcome outcome = mtuProbeOutcome;
        mtuProbeOutcome = MtuProbeOutcome.NONE;
        return outcome;
    }

    /**
     * Settles the outstanding probe against the scoreboard: acknowledged if {@code ack} passed it
     * or it was SACKed; lost if it was just marked lost, in which case it is split into segments of
     * the current size, to be resent as those.
     *
     * @return the probe's bytes if it was deemed lost now (loss not to be taken for congestion), else 0
     */
    private long settleMtuProbe(final int ack)
    {
        if (!mtuProbeOutstanding)
        {
            return 0;
        }
        if (SeqNum.ge(ack, mtuProbeEnd))
        {
            return settled(MtuProbeOutcome.ACKED, 0);
        }
        final int ordinal = log.firstEndingAfter(mtuProbeStart);
        if (ordinal >= log.size())
        {
            return settled(MtuProbeOutcome.ACKED, 0);
        }
        final int slot = log.slot(ordinal);
        if (SeqNum.gt(log.start(slot), mtuProbeStart))
        {
            return settled(MtuProbeOutcome.ACKED, 0); // acknowledged in part: it arrived
        }
        if (log.is(slot, SentLog.SACKED))
        {
            return settled(MtuProbeOutcome.ACKED, 0);
        }
        if (log.is(slot, SentLog.LOST))
        {
            final long bytes = log.length(slot);
            log.split(ordinal, mssBytes);
            return settled(MtuProbeOutcome.LOST, bytes);
        }
        return 0;
    }

    /** The start of the oldest record still in the log: what the peer has acknowledged so far. */
    private int oldestOutstanding()
    {
        return log.isEmpty() ? mtuProbeEnd : log.start(log.slot(0));
    }

    private long settled(final MtuProbeOutcome outcome, final long lostBytes)
    {
        mtuProbeOutstanding = false;
        mtuProbeOutcome = outcome;
        return lostBytes;
    }

    private void startRecovery(final long nowNs, final int sndMax, final long inFlightBytes)
    {
        inRecovery = true;
        timeoutRecovery = false;
        recoverSeq = sndMax;
        firstRetransmitDue = true;
        undoPossible = true;
        undoRetransmits = 0;
        path.congestion().onCongestionEvent(nowNs, inFlightBytes);
        counters.fastRetransmits++;
    }

    private void endRecovery(final long nowNs, final int ack, final int sndMax)
    {
        inRecovery = false;
        inflationBytes = 0;
        firstRetransmitDue = false;
        if (!timeoutRecovery)
        {
            path.congestion().onRecoveryEnd(nowNs, SeqNum.diff(sndMax, ack));
        }
        timeoutRecovery = false;
        rack.onRecoveryEnd();
    }

    /**
     * Undo (RFC 3522 / RFC 3708 response): the losses that started this episode were not losses.
     * Records still marked lost are in flight after all; the controller restores its window.
     */
    private void undo(final long nowNs)
    {
        if (!undoPossible)
        {
            return;
        }
        undoPossible = false;
        counters.spuriousRecoveries++;
        rack.reorderingSeen();
        for (int i = 0; i < log.size() && log.lostBytes() > 0; i++)
        {
            final int slot = log.slot(i);
            if (log.is(slot, SentLog.LOST))
            {
                log.unmarkLost(slot);
            }
        }
        inRecovery = false;
        timeoutRecovery = false;
        inflationBytes = 0;
        firstRetransmitDue = false;
        path.congestion().onSpuriousCongestionEvent(nowNs);
    }

    // ------------------------------------------------------------------------------------------
    // NewReno without SACK
    // ------------------------------------------------------------------------------------------

    private void onAckWithoutSack(final long nowNs, final int ack, final boolean advanced, final boolean duplicate,
        final int sndUna, final int sndMax)
    {
        if (advanced)
        {
            if (inRecovery && !timeoutRecovery)
            {
                // NewReno partial ACK (RFC 6582 §3.2 step 5): the next hole is lost too.
                retransmitOneDue = true;
                inflationBytes = Math.max(0, inflationBytes - SeqNum.diff(ack, sndUna)) + mssBytes;
            }
            return;
        }
        if (!duplicate)
        {
            return;
        }
        dupAcks++;
        counters.duplicateAcks++;
        if (inRecovery && !timeoutRecovery)
        {
            inflationBytes += mssBytes; // RFC 6582 §3.2 step 4: a segment left the network
        }
        else if (!inRecovery && dupAcks == DUP_THRESH && SeqNum.gt(sndUna - 1, recoverSeq))
        {
            // RFC 6582 §3.2 step 2: only if the ACK covers more than recover, so once per window.
            startRecovery(nowNs, sndMax, log.inFlightBytes());
            firstRetransmitDue = false;
            inflationBytes = (long)DUP_THRESH * mssBytes;
            retransmitOneDue = true;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Tail-loss probe
    // ------------------------------------------------------------------------------------------

    /**
     * When the probe timeout should fire (RFC 8985 §7.2), or {@link #NONE}: only with SACK, outside
     * recovery, with no probe outstanding, data in flight and no reordering timer pending.
     *
     * @param nowNs the connection's clock
     * @param rtoDeadlineNs when the retransmission timer fires
     * @return the deadline, or {@link #NONE}
     */
    public long probeDeadlineNs(final long nowNs, final long rtoDeadlineNs)
    {
        final long srttNs = path.srttNs();
        if (!sack || inRecovery || tlp.outstanding() || log.isEmpty() || srttNs < 0 || rack.deadlineNs() != NONE)
        {
            return NONE;
        }
        return tlp.deadlineNs(nowNs, srttNs, log.inFlightBytes(), mssBytes, rtoDeadlineNs);
    }

    /** The probe timer fired: the connection should send a probe. */
    public void onProbeTimeout()
    {
        if (!inRecovery)
        {
            tlp.onTimeout();
        }
    }

    /**
     * {@return whether a tail-loss probe is due (its timer fired)}
     */
    public boolean probeDue()
    {
        return tlp.due();
    }

    /**
     * The probe went out; {@code endSeq} is SND.MAX after it.
     *
     * @param endSeq SND.MAX after the probe
     * @param retransmission whether it resent data rather than sent new
     */
    public void onProbeSent(final int endSeq, final boolean retransmission)
    {
        tlp.onSent(endSeq, retransmission);
        counters.tailLossProbes++;
    }

    /** Nothing could be sent as a probe (no data at all): drop the request. */
    public void cancelProbe()
    {
        tlp.cancel();
    }

    /**
     * The slot of the newest record not SACKed (what a probe resends when there is no new data), or -1.
     *
     * @return the slot, or -1
     */
    public int probeRetransmission()
    {
        for (int i = log.size() - 1; i >= 0; i--)
        {
            final int slot = log.slot(i);
            if (!log.is(slot, SentLog.SACKED))
            {
                return slot;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------
    // Timeout
    // ------------------------------------------------------------------------------------------

    /**
     * The retransmission timer fired: everything outstanding and not SACKed is presumed lost;
     * recovery runs until SND.MAX is acknowledged.
     *
     * <p>SACK marks are kept unless the receiver shows it reneged (RFC 2018 §8 lets it discard
     * SACKed data): the oldest outstanding record SACKed, which a receiver still holding it would
     * have acknowledged cumulatively. This is Linux's rule ({@code tcp_timeout_mark_lost}). Clearing
     * them on every timeout resent data the peer held: after a slow-start overshoot, a megabyte of
     * it, at one segment per ACK, while the bandwidth filter forgot the path.
     *
     * @param nowNs the connection's clock
     * @param sndMax SND.MAX
     */
    public void onRetransmissionTimeout(final long nowNs, final int sndMax)
    {
        path.congestion().onRetransmissionTimeout(nowNs, log.inFlightBytes());
        final boolean reneged = !log.isEmpty() && log.is(log.slot(0), SentLog.SACKED);
        for (int i = 0; i < log.size(); i++)
        {
            final int slot = log.slot(i);
            if (log.is(slot, SentLog.SACKED))
            {
                if (!reneged)
                {
                    continue;
                }
                log.unmarkSacked(slot);
            }
            if (!log.is(slot, SentLog.LOST))
            {
                log.markLost(slot);
            }
        }
        settleMtuProbe(oldestOutstanding());
        inRecovery = true;
        timeoutRecovery = true;
        recoverSeq = sndMax;
        dupAcks = 0;
        inflationBytes = 0;
        retransmitOneDue = false;
        firstRetransmitDue = true;
        tlp.reset();
        rack.clearDeadline();
        undoPossible = true;
        undoRetransmits = 0;
    }

    /**
     * For {@code describeState}: the recovery fields, sequence numbers relative to {@code iss}.
     *
     * @param iss the initial send sequence number
     * @return one line
     */
    public String describe(final int iss)
    {
        return "recovery=" + inRecovery + (timeoutRecovery ? "(rto)" : "") + " recover=" + (recoverSeq - iss)
            + " records=" + log.size() + " sacked=" + log.sackedBytes() + " lost=" + log.lostBytes()
            + " pipe=" + log.inFlightBytes() + " dupAcks=" + dupAcks + " reoWndMult=" + rack.reoWndMult()
            + " tlp=" + tlp.outstanding() + " rack[" + rack.describe() + "]";
    }
}
