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
 * <p>The connection owns the sequence space and passes SND.UNA / SND.MAX in; this class holds the
 * recovery state. The congestion response itself belongs to the {@link CongestionControl}.
 */
public final class LossRecovery
{
    /** RFC 5681 / RFC 6675 DupThresh. */
    static final int DUP_THRESH = 3;
    /** RFC 8985 §7.2 WCDelAckT: the worst-case delayed-ACK time a lone probe must wait out. */
    static final long WORST_CASE_DELAYED_ACK_NS = 200_000_000L;
    /**
     * Floor of the probe timeout (Linux's {@code TCP_TIMEOUT_MIN}): on a sub-millisecond path 2·SRTT
     * is shorter than a scheduling hiccup, and probes would fire at every pause of the sender.
     */
    static final long MIN_PROBE_TIMEOUT_NS = 2_000_000L;
    /** RFC 8985 §6.2: recoveries after which a widened reordering window returns to its base. */
    static final int REO_WND_PERSIST = 16;
    /** Sentinel: no timer wanted. */
    public static final long NONE = Long.MAX_VALUE;
    private static final int RECENT_RETRANSMITS = 64;

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

    // RACK (RFC 8985 §6).
    private long rackXmitNs = -1;
    private int rackEndSeq;
    private long rackRttNs;
    private int rackFack;
    /** RACK.fack as it was before the ACK being processed (a later part of the same ACK is not reordering). */
    private int fackBeforeAck;
    private boolean reorderingSeen;
    private int reoWndMult = 1;
    private int reoWndPersist = REO_WND_PERSIST;
    private boolean dsackRoundActive;
    private int dsackRoundEnd;
    private long reorderDeadlineNs = NONE;

    // TLP (RFC 8985 §7).
    private boolean tlpDue;
    private boolean tlpOutstanding;
    private boolean tlpIsRetransmission;
    private int tlpEndSeq;

    // Delivery-rate sampling.
    private long deliveredBytes;
    private long deliveredNs;
    private long firstSentNs;
    /** {@link #deliveredBytes} mark until which samples are app-limited; 0 = not app-limited. */
    private long appLimitedUntil;
    private long sampleSendElapsedNs;
    private long sampleAckElapsedNs;

    // Recent retransmissions, so a D-SACK can tell a spurious one from a network duplicate.
    private final int[] recentRetransmitStart = new int[RECENT_RETRANSMITS];
    private final int[] recentRetransmitEnd = new int[RECENT_RETRANSMITS];
    private int recentRetransmitNext;

    /** Starts the sequence space at the ISN: recover = ISS (RFC 6582 §3.2 step 1). */
    public void init(final int iss)
    {
        recoverSeq = iss;
        rackFack = iss;
        dsackRoundEnd = iss;
    }

    /** Sets what the handshake negotiated: whether the peer SACKs, and the data bytes of a full segment. */
    public void configure(final boolean sackEnabled, final int segmentBytes)
    {
        sack = sackEnabled;
        mssBytes = segmentBytes;
    }

    public SentLog log()
    {
        return log;
    }

    public boolean inRecovery()
    {
        return inRecovery;
    }

    /** Extra window NewReno fast recovery allows on top of cwnd (0 with SACK, where the pipe governs). */
    public long inflationBytes()
    {
        return inflationBytes;
    }

    /** Bytes believed in the network (RFC 6675 "pipe"): sent, not SACKed, not deemed lost. */
    public long inFlightBytes()
    {
        return log.inFlightBytes();
    }

    public long deliveredBytes()
    {
        return deliveredBytes;
    }

    // ------------------------------------------------------------------------------------------
    // Sending
    // ------------------------------------------------------------------------------------------

    /** New data {@code [start, end)} went out (FIN included in {@code end}). */
    public void onSent(final long nowNs, final int start, final int end, final int tsVal)
    {
        if (log.inFlightBytes() == 0)
        {
            firstSentNs = nowNs; // a new flight: rate samples must not span the idle gap
            deliveredNs = nowNs;
        }
        final int slot = log.append(start, end, nowNs, tsVal);
        log.rateState(slot, deliveredBytes, deliveredNs, firstSentNs, appLimitedUntil != 0);
    }

    /** The record in {@code slot} was sent again. */
    public void onRetransmitted(final long nowNs, final int slot, final int tsVal)
    {
        if (log.inFlightBytes() == 0)
        {
            firstSentNs = nowNs;
            deliveredNs = nowNs;
        }
        log.retransmitted(slot, nowNs, tsVal);
        log.rateState(slot, deliveredBytes, deliveredNs, firstSentNs, appLimitedUntil != 0);
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
     */
    public void onAppLimited(final long cwndBytes)
    {
        if (log.inFlightBytes() < cwndBytes)
        {
            appLimitedUntil = Math.max(deliveredBytes + log.inFlightBytes(), 1);
        }
    }

    /**
     * The slot of the next record to retransmit, or -1: the lowest-sequence record deemed lost, if the
     * window leaves room for it (the first retransmission of an episode is not held back).
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

    /** NewReno: whether the segment at SND.UNA is due for retransmission now (and clears the flag). */
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
     */
    public AckSample onAck(final long nowNs, final Segment seg, final int sndUna, final int sndMax,
        final boolean duplicate, final long rttNs, final long srttNs, final long minRttNs,
        final CongestionControl congestion, final ConnectionCounters counters)
    {
        final AckSample s = sample.reset(nowNs);
        s.rttNs = rttNs;
        s.srttNs = srttNs;
        s.minRttNs = minRttNs == Long.MAX_VALUE ? -1 : minRttNs;
        s.priorInFlightBytes = log.inFlightBytes();
        final int ack = seg.ack;
        final boolean advanced = SeqNum.gt(ack, sndUna);
        fackBeforeAck = rackFack;
        boolean dsack = false;
        if (sack && seg.sackBlockCount > 0)
        {
            dsack = isDsack(seg, ack);
            if (dsack)
            {
                onDsack(nowNs, seg.sackLeft[0], seg.sackRight[0], sndUna, sndMax, congestion, counters);
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
        finishRateSample(s, minRttNs);
        if (spurious)
        {
            undo(nowNs, congestion, counters);
        }
        if (advanced && inRecovery && SeqNum.ge(ack, recoverSeq))
        {
            endRecovery(nowNs, ack, sndMax, congestion);
        }
        if (advanced)
        {
            dupAcks = 0;
        }
        if (!sack)
        {
            onAckWithoutSack(nowNs, ack, advanced, duplicate, sndUna, sndMax, congestion, counters);
        }
        else
        {
            if (duplicate || (!advanced && s.deliveredBytes > 0))
            {
                dupAcks++;
                counters.duplicateAcks++;
            }
            s.lostBytes = detectLoss(nowNs, srttNs, minRttNs);
            if (s.lostBytes > 0 && !inRecovery)
            {
                startRecovery(nowNs, sndMax, s.priorInFlightBytes, congestion, counters);
            }
            processTlpAck(nowNs, ack, advanced, dsack, duplicate && s.deliveredBytes == 0, congestion);
        }
        s.inFlightBytes = log.inFlightBytes();
        s.inRecovery = inRecovery;
        s.totalDeliveredBytes = deliveredBytes;
        if (appLimitedUntil != 0 && deliveredBytes > appLimitedUntil)
        {
            appLimitedUntil = 0;
        }
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
    private void onDsack(final long nowNs, final int left, final int right, final int sndUna, final int sndMax,
        final CongestionControl congestion, final ConnectionCounters counters)
    {
        if (!SeqNum.lt(left, right) || !wasRetransmitted(left, right))
        {
            return; // a duplicate the network made, or a forged block
        }
        counters.spuriousRetransmissions++;
        reorderingSeen = true;
        // RFC 8985 §6.2 step 4: widen the reordering window at most once per round trip.
        if (dsackRoundActive && SeqNum.ge(sndUna, dsackRoundEnd))
        {
            dsackRoundActive = false;
        }
        if (!dsackRoundActive)
        {
            dsackRoundActive = true;
            dsackRoundEnd = sndMax;
            reoWndMult++;
            reoWndPersist = REO_WND_PERSIST;
        }
        if (undoPossible && undoRetransmits > 0)
        {
            undoRetransmits--;
            if (undoRetransmits == 0)
            {
                undo(nowNs, congestion, counters); // every retransmission of the episode was needless
            }
        }
    }

    private boolean wasRetransmitted(final int left, final int right)
    {
        for (int i = 0; i < RECENT_RETRANSMITS; i++)
        {
            final int start = recentRetransmitStart[i];
            final int end = recentRetransmitEnd[i];
            if (start != end && SeqNum.lt(left, end) && SeqNum.gt(right, start))
            {
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
                    final int part = SeqNum.diff(ack, log.start(slot));
                    deliveredBytes += part;
                    sample.deliveredBytes += part;
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

    /**
     * A record reached the peer (by SACK or cumulative ACK; each counts once): count it, take its rate
     * sample, and advance RACK (RFC 8985 §6.2 steps 2-3).
     */
    private void onDelivered(final long nowNs, final Segment seg, final int slot)
    {
        if (log.is(slot, SentLog.DELIVERED))
        {
            return;
        }
        log.markDelivered(slot);
        final int length = log.length(slot);
        deliveredBytes += length;
        deliveredNs = nowNs;
        sample.deliveredBytes += length;
        final long sentNs = log.sentNs(slot);
        if (sample.priorDeliveredBytes < 0 || log.deliveredAtSend(slot) > sample.priorDeliveredBytes)
        {
            sample.priorDeliveredBytes = log.deliveredAtSend(slot);
            sample.appLimited = log.is(slot, SentLog.APP_LIMITED);
            sampleSendElapsedNs = sentNs - log.firstSentNsAtSend(slot);
            sampleAckElapsedNs = nowNs - log.deliveredNsAtSend(slot);
            firstSentNs = sentNs;
        }
        final boolean retransmitted = log.is(slot, SentLog.RETRANSMITTED);
        final long rttNs = nowNs - sentNs;
        if (retransmitted && (echoesEarlierSend(seg, slot) || rttNs < sample.minRttNs))
        {
            return; // the ACK may be for an earlier transmission: no RACK sample from it
        }
        if (rackXmitNs < 0 || sentNs > rackXmitNs || (sentNs == rackXmitNs && SeqNum.gt(log.end(slot), rackEndSeq)))
        {
            rackXmitNs = sentNs;
            rackEndSeq = log.end(slot);
            rackRttNs = rttNs;
        }
        if (!retransmitted && SeqNum.lt(log.end(slot), fackBeforeAck))
        {
            reorderingSeen = true; // delivered below what an earlier ACK had already covered
        }
        rackFack = SeqNum.max(rackFack, log.end(slot));
    }

    private void finishRateSample(final AckSample s, final long minRttNs)
    {
        if (s.priorDeliveredBytes < 0)
        {
            return;
        }
        final long intervalNs = Math.max(sampleSendElapsedNs, sampleAckElapsedNs);
        final long delivered = deliveredBytes - s.priorDeliveredBytes;
        // A sample shorter than the minimum RTT would be compressed by ACK aggregation: unreliable.
        if (intervalNs > 0 && (minRttNs == Long.MAX_VALUE || intervalNs >= minRttNs))
        {
            s.deliveryRateBytesPerSecond = (long)(delivered * 1e9 / intervalNs);
        }
    }

    /**
     * RACK loss detection (RFC 8985 §6.2 step 5): a record sent before the most recently delivered
     * one is lost once that record's RTT plus the reordering window has passed since it was sent.
     * Arms the reordering timer for the first record still inside its window.
     *
     * @return bytes newly deemed lost
     */
    private long detectLoss(final long nowNs, final long srttNs, final long minRttNs)
    {
        reorderDeadlineNs = NONE;
        if (rackXmitNs < 0)
        {
            return 0;
        }
        final long reoWndNs = reorderingWindowNs(srttNs, minRttNs);
        long lost = 0;
        long earliestNs = NONE;
        for (int i = 0; i < log.size(); i++)
        {
            final int slot = log.slot(i);
            final boolean retransmitted = log.is(slot, SentLog.RETRANSMITTED);
            final long sentNs = log.sentNs(slot);
            final boolean sentBefore = sentNs < rackXmitNs
                || (sentNs == rackXmitNs && SeqNum.lt(log.end(slot), rackEndSeq));
            if (!sentBefore)
            {
                if (!retransmitted && log.retransmittedRecords() == 0)
                {
                    break; // first transmissions go out in sequence order: the rest are newer still
                }
                continue;
            }
            if (log.is(slot, SentLog.SACKED) || log.is(slot, SentLog.LOST))
            {
                continue;
            }
            final long remainingNs = sentNs + rackRttNs + reoWndNs - nowNs;
            if (remainingNs <= 0)
            {
                log.markLost(slot);
                lost += log.length(slot);
            }
            else
            {
                earliestNs = Math.min(earliestNs, nowNs + remainingNs);
            }
        }
        reorderDeadlineNs = earliestNs;
        return lost;
    }

    /**
     * RFC 8985 §6.2 step 4. Without reordering seen, a window of zero once recovery runs or DupThresh
     * segments are SACKed; otherwise a quarter of the minimum RTT, times a multiplier that D-SACKs
     * raise. The window is bounded by 2·SRTT rather than the RFC's SRTT (it only gets there after
     * D-SACKs raised the multiplier past 4), so a path that reorders by up to two round trips stops
     * costing retransmissions once D-SACKs have shown it; the retransmission timeout remains the backstop.
     */
    long reorderingWindowNs(final long srttNs, final long minRttNs)
    {
        if (!reorderingSeen && (inRecovery || log.sackedBytes() >= (long)DUP_THRESH * mssBytes))
        {
            return 0;
        }
        if (minRttNs == Long.MAX_VALUE || srttNs < 0)
        {
            return 0;
        }
        return Math.min(reoWndMult * (minRttNs / 4), 2 * srttNs);
    }

    /** When the reordering timer should fire, or {@link #NONE}. */
    public long reorderDeadlineNs()
    {
        return reorderDeadlineNs;
    }

    /** The reordering timer fired: run detection again (RFC 8985 §6.3). */
    public void onReorderTimeout(final long nowNs, final int sndMax, final long srttNs, final long minRttNs,
        final CongestionControl congestion, final ConnectionCounters counters)
    {
        final long inFlightBefore = log.inFlightBytes();
        if (detectLoss(nowNs, srttNs, minRttNs) > 0 && !inRecovery)
        {
            startRecovery(nowNs, sndMax, inFlightBefore, congestion, counters);
        }
    }

    private void startRecovery(final long nowNs, final int sndMax, final long inFlightBytes,
        final CongestionControl congestion, final ConnectionCounters counters)
    {
        inRecovery = true;
        timeoutRecovery = false;
        recoverSeq = sndMax;
        firstRetransmitDue = true;
        undoPossible = true;
        undoRetransmits = 0;
        congestion.onCongestionEvent(nowNs, inFlightBytes);
        counters.fastRetransmits++;
    }

    private void endRecovery(final long nowNs, final int ack, final int sndMax, final CongestionControl congestion)
    {
        inRecovery = false;
        inflationBytes = 0;
        firstRetransmitDue = false;
        if (!timeoutRecovery)
        {
            congestion.onRecoveryEnd(nowNs, SeqNum.diff(sndMax, ack));
        }
        timeoutRecovery = false;
        if (reoWndPersist > 0 && --reoWndPersist == 0)
        {
            reoWndMult = 1;
        }
    }

    /**
     * Undo (RFC 3522 / RFC 3708 response): the losses that started this episode were not losses.
     * Records still marked lost are in flight after all; the controller restores its window.
     */
    private void undo(final long nowNs, final CongestionControl congestion, final ConnectionCounters counters)
    {
        if (!undoPossible)
        {
            return;
        }
        undoPossible = false;
        counters.spuriousRecoveries++;
        reorderingSeen = true;
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
        congestion.onSpuriousCongestionEvent(nowNs);
    }

    // ------------------------------------------------------------------------------------------
    // NewReno without SACK
    // ------------------------------------------------------------------------------------------

    private void onAckWithoutSack(final long nowNs, final int ack, final boolean advanced, final boolean duplicate,
        final int sndUna, final int sndMax, final CongestionControl congestion, final ConnectionCounters counters)
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
            startRecovery(nowNs, sndMax, log.inFlightBytes(), congestion, counters);
            firstRetransmitDue = false;
            inflationBytes = (long)DUP_THRESH * mssBytes;
            retransmitOneDue = true;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Tail-loss probe
    // ------------------------------------------------------------------------------------------

    /**
     * When the probe timeout should fire (RFC 8985 §7.2), or {@link #NONE}: with SACK, outside
     * recovery, no probe outstanding, data in flight and no reordering timer pending. Two SRTTs
     * (at least 2 ms), plus the worst-case delayed ACK when a lone segment is in flight, and never
     * after the RTO.
     */
    public long probeDeadlineNs(final long nowNs, final long srttNs, final long rtoDeadlineNs)
    {
        if (!sack || inRecovery || tlpOutstanding || log.isEmpty() || srttNs < 0 || reorderDeadlineNs != NONE)
        {
            return NONE;
        }
        long ptoNs = Math.max(2 * srttNs, MIN_PROBE_TIMEOUT_NS);
        if (log.inFlightBytes() <= mssBytes)
        {
            ptoNs += WORST_CASE_DELAYED_ACK_NS;
        }
        return Math.min(nowNs + ptoNs, rtoDeadlineNs);
    }

    /** The probe timer fired: the connection should send a probe. */
    public void onProbeTimeout()
    {
        tlpDue = !tlpOutstanding && !inRecovery;
    }

    public boolean probeDue()
    {
        return tlpDue;
    }

    /** The probe went out; {@code endSeq} is SND.MAX after it. */
    public void onProbeSent(final int endSeq, final boolean retransmission, final ConnectionCounters counters)
    {
        tlpDue = false;
        tlpOutstanding = true;
        tlpIsRetransmission = retransmission;
        tlpEndSeq = endSeq;
        counters.tailLossProbes++;
        if (retransmission)
        {
            undoPossible = true;
            undoRetransmits = 1; // a D-SACK for it shows the tail was not lost
        }
    }

    /** Nothing could be sent as a probe (no data at all): drop the request. */
    public void cancelProbe()
    {
        tlpDue = false;
    }

    /** The slot of the newest record not SACKed (what a probe resends when there is no new data), or -1. */
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

    /** RFC 8985 §7.4.2: did the probe repair a loss (then the window must react) or was nothing lost. */
    private void processTlpAck(final long nowNs, final int ack, final boolean advanced, final boolean dsack,
        final boolean pureDuplicate, final CongestionControl congestion)
    {
        if (!tlpOutstanding || SeqNum.lt(ack, tlpEndSeq))
        {
            return;
        }
        if (!tlpIsRetransmission || dsack)
        {
            tlpOutstanding = false;
        }
        else if (advanced)
        {
            tlpOutstanding = false;
            if (!inRecovery)
            {
                // The probe repaired a lost tail: reduce the window as for any loss.
                congestion.onCongestionEvent(nowNs, log.inFlightBytes());
                congestion.onRecoveryEnd(nowNs, log.inFlightBytes());
            }
        }
        else if (pureDuplicate)
        {
            tlpOutstanding = false; // original and probe both arrived
        }
    }

    // ------------------------------------------------------------------------------------------
    // Timeout
    // ------------------------------------------------------------------------------------------

    /**
     * The retransmission timer fired: everything outstanding is presumed lost and SACK marks are
     * cleared (RFC 2018 §8 lets a receiver renege); recovery runs until SND.MAX is acknowledged.
     */
    public void onRetransmissionTimeout(final long nowNs, final int sndMax, final CongestionControl congestion)
    {
        congestion.onRetransmissionTimeout(nowNs, log.inFlightBytes());
        for (int i = 0; i < log.size(); i++)
        {
            final int slot = log.slot(i);
            if (log.is(slot, SentLog.SACKED))
            {
                log.unmarkSacked(slot);
            }
            if (!log.is(slot, SentLog.LOST))
            {
                log.markLost(slot);
            }
        }
        inRecovery = true;
        timeoutRecovery = true;
        recoverSeq = sndMax;
        dupAcks = 0;
        inflationBytes = 0;
        retransmitOneDue = false;
        firstRetransmitDue = true;
        tlpDue = false;
        tlpOutstanding = false;
        reorderDeadlineNs = NONE;
        undoPossible = true;
        undoRetransmits = 0;
    }

    /** For {@code describeState}: the recovery fields, sequence numbers relative to {@code iss}. */
    public String describe(final int iss)
    {
        return "recovery=" + inRecovery + (timeoutRecovery ? "(rto)" : "") + " recover=" + (recoverSeq - iss)
            + " records=" + log.size() + " sacked=" + log.sackedBytes() + " lost=" + log.lostBytes()
            + " pipe=" + log.inFlightBytes() + " dupAcks=" + dupAcks + " reoWndMult=" + reoWndMult
            + " tlp=" + tlpOutstanding;
    }
}
