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
 * <p>This class keeps the scoreboard ({@link SentLog}) and the rate samples, and checks for
 * spurious retransmissions; the two detectors ({@link RackTlpDetector}, {@link NewRenoDetector})
 * find losses; {@link RecoveryEpisode} runs the episodes; {@link MtuProbeTracker} settles path-MTU
 * probes. The connection owns the sequence space and passes SND.UNA / SND.MAX in. The congestion
 * response itself belongs to the {@link CongestionControl}.
 */
public final class LossRecovery
{
    /** RFC 5681 / RFC 6675 DupThresh. */
    static final int DUP_THRESH = NewRenoDetector.DUP_THRESH;
    /** Sentinel: no timer wanted. */
    public static final long NONE = Long.MAX_VALUE;

    private final RecoveryPath path;
    private final ConnectionCounters counters;
    private final SentLog log = new SentLog();
    private final AckSample sample = new AckSample();
    private final Rack rack = new Rack();
    private final DeliveryRateSampler rate = new DeliveryRateSampler();
    private final RecoveryEpisode episode;
    private final MtuProbeTracker mtuProbes = new MtuProbeTracker(log);
    private final NewRenoDetector newReno;
    private final RackTlpDetector rackTlp;
    private boolean sack;
    private int mssBytes = 1;
    /** The detector in force: RACK-TLP with SACK, NewReno without. */
    private LossDetector detector;

    private final RecentRetransmissions recentRetransmissions = new RecentRetransmissions();
    private final DeliveryMarker delivery = new DeliveryMarker(log, rate, rack, sample);

    /**
     * @param path the RTTs and the congestion controller of the path recovered on
     * @param counters where retransmissions, probes and spurious recoveries are counted
     */
    public LossRecovery(final RecoveryPath path, final ConnectionCounters counters)
    {
        this.path = path;
        this.counters = counters;
        this.episode = new RecoveryEpisode(path, counters);
        this.newReno = new NewRenoDetector(log, episode, counters);
        this.rackTlp = new RackTlpDetector(log, episode, rack, mtuProbes, path, counters);
        this.detector = newReno;
    }

    /**
     * Starts the sequence space at the ISN: recover = ISS (RFC 6582 §3.2 step 1).
     *
     * @param iss the connection's initial send sequence number
     */
    public void init(final int iss)
    {
        episode.init(iss);
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
        detector = sackEnabled ? rackTlp : newReno;
        newReno.segmentBytes(segmentBytes);
        rackTlp.segmentBytes(segmentBytes);
    }

    /** {@return the scoreboard of segments in flight} */
    public SentLog log()
    {
        return log;
    }

    /** {@return whether a recovery episode (fast, or after a timeout) is under way} */
    public boolean inRecovery()
    {
        return episode.active();
    }

    /**
     * Extra window NewReno fast recovery allows on top of cwnd (0 with SACK, where the pipe governs).
     *
     * @return the byte count
     */
    public long inflationBytes()
    {
        return newReno.inflationBytes();
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
        episode.onRetransmitted();
        recentRetransmissions.add(log.start(slot), log.end(slot));
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
                return room || episode.firstRetransmitDue() ? slot : -1;
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
        return newReno.takeRetransmitOne();
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
            dsack = RecentRetransmissions.isDsack(seg, ack);
            if (dsack)
            {
                onDsack(nowNs, seg.sackLeft[0], seg.sackRight[0], sndUna, sndMax);
            }
            for (int i = dsack ? 1 : 0; i < seg.sackBlockCount; i++)
            {
                delivery.markSacked(nowNs, seg, seg.sackLeft[i], seg.sackRight[i], sndUna, sndMax);
            }
        }
        boolean spurious = false;
        if (advanced)
        {
            s.ackedBytes = SeqNum.diff(ack, sndUna);
            spurious = delivery.acknowledgeCumulatively(nowNs, seg, ack, episode.undoPossible());
        }
        rate.finish(s, minRttNs);
        if (spurious)
        {
            undo(nowNs);
        }
        if (advanced && episode.endsAt(ack))
        {
            episode.end(nowNs, ack, sndMax);
            newReno.onEpisodeEnd();
            rackTlp.onEpisodeEnd();
            rack.onRecoveryEnd();
        }
        detector.onAck(nowNs, seg, sndUna, sndMax, advanced, duplicate, dsack, s);
        s.inFlightBytes = log.inFlightBytes();
        s.inRecovery = episode.active();
        s.inTimeoutRecovery = episode.active() && episode.afterTimeout();
        if (s.deliveredBytes > 0 || s.ackedBytes > 0)
        {
            congestion.onAck(s);
        }
        return s;
    }

    /** A duplicate arrived at the peer: if we had retransmitted that range, the retransmission was spurious. */
    private void onDsack(final long nowNs, final int left, final int right, final int sndUna, final int sndMax)
    {
        if (!recentRetransmissions.take(left, right))
        {
            return; // a duplicate the network made, one already reported, or a forged block
        }
        counters.spuriousRetransmissions++;
        rack.onDsack(sndUna, sndMax);
        if (episode.onNeedlessRetransmission())
        {
            undo(nowNs); // every retransmission of the episode was needless
        }
    }

    /** RACK's reordering window now (see {@link Rack#reorderingWindowNs}). */
    long reorderingWindowNs(final long srttNs, final long minRttNs)
    {
        return rackTlp.reorderingWindowNs(srttNs, minRttNs);
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
        rackTlp.onReorderTimeout(nowNs, sndMax);
    }

    /**
     * Undo (RFC 3522 / RFC 3708 response): the losses that started this episode were not losses.
     * Records still marked lost are in flight after all; the controller restores its window.
     */
    private void undo(final long nowNs)
    {
        if (!episode.undo())
        {
            return;
        }
        rack.reorderingSeen();
        for (int i = 0; i < log.size() && log.lostBytes() > 0; i++)
        {
            final int slot = log.slot(i);
            if (log.is(slot, SentLog.LOST))
            {
                log.unmarkLost(slot);
            }
        }
        newReno.onEpisodeEnd();
        rackTlp.onEpisodeEnd();
        path.congestion().onSpuriousCongestionEvent(nowNs);
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
        mtuProbes.onSent(start, end);
    }

    /**
     * The probe's fate since the last call (then NONE until the next probe is settled).
     *
     * @return the outcome
     */
    public MtuProbeOutcome takeMtuProbeOutcome()
    {
        return mtuProbes.take();
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
        return sack ? rackTlp.probeDeadlineNs(nowNs, rtoDeadlineNs) : NONE;
    }

    /** The probe timer fired: the connection should send a probe. */
    public void onProbeTimeout()
    {
        rackTlp.onProbeTimeout();
    }

    /** {@return whether a tail-loss probe is due (its timer fired)} */
    public boolean probeDue()
    {
        return rackTlp.probeDue();
    }

    /**
     * The probe went out; {@code endSeq} is SND.MAX after it.
     *
     * @param endSeq SND.MAX after the probe
     * @param retransmission whether it resent data rather than sent new
     */
    public void onProbeSent(final int endSeq, final boolean retransmission)
    {
        rackTlp.onProbeSent(endSeq, retransmission);
    }

    /** Nothing could be sent as a probe (no data at all): drop the request. */
    public void cancelProbe()
    {
        rackTlp.cancelProbe();
    }

    /**
     * The slot of the newest record not SACKed (what a probe resends when there is no new data), or -1.
     *
     * @return the slot, or -1
     */
    public int probeRetransmission()
    {
        return log.newestNotSacked();
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
        mtuProbes.settleAtOldest(mssBytes);
        episode.startAfterTimeout(sndMax);
        newReno.onRetransmissionTimeout();
        rackTlp.onRetransmissionTimeout();
    }

    /**
     * For {@code describeState}: the recovery fields, sequence numbers relative to {@code iss}.
     *
     * @param iss the initial send sequence number
     * @return one line
     */
    public String describe(final int iss)
    {
        return episode.describe(iss) + " records=" + log.size() + " sacked=" + log.sackedBytes() + " lost="
            + log.lostBytes() + " pipe=" + log.inFlightBytes() + " " + detector.describe();
    }
}
