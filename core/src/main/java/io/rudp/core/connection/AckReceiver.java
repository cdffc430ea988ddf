package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.recovery.LossRecovery;
import io.rudp.core.recovery.SentLog;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;

/**
 * What an incoming ACK does to the sending side (RFC 9293 §3.10.7.4, fifth check; RFC 5961 §5):
 * judge it against what was sent, update the peer's window, take an RTT sample, hand it to loss
 * recovery and congestion control, advance SND.UNA and release the buffer, and re-arm the timers.
 * What it means for the state machine (a FIN acknowledged) is the connection's.
 */
final class AckReceiver
{
    private static final long NS_PER_MS = 1_000_000L;

    /** How an ACK was judged. */
    enum Verdict
    {
        /** It acknowledges something never sent: dropped, answered with an ACK. */
        UNSENT,
        /** It is older than the largest window below SND.UNA: dropped, answered with a challenge ACK. */
        TOO_OLD,
        /** Taken; SND.UNA stayed where it was. */
        ACCEPTED,
        /** Taken, and SND.UNA advanced. */
        ADVANCED
    }

    private final SendSpace snd;
    private final NetworkPath path;
    private final LossRecovery recovery;
    private final NegotiatedOptions options;
    private final Liveness liveness;
    private final DataSender sender;
    private final TimerTable timers;
    private final ConnectionCounters counters;

    AckReceiver(final SendSpace snd, final NetworkPath path, final LossRecovery recovery,
        final NegotiatedOptions options, final Liveness liveness, final DataSender sender, final TimerTable timers,
        final ConnectionCounters counters)
    {
        this.snd = snd;
        this.path = path;
        this.recovery = recovery;
        this.options = options;
        this.liveness = liveness;
        this.sender = sender;
        this.timers = timers;
        this.counters = counters;
    }

    /** Processes the ACK field and window of a segment past the handshake. */
    Verdict onAck(final long nowNs, final Segment seg)
    {
        final int ack = seg.ack;
        if (snd.acksUnsent(ack))
        {
            return Verdict.UNSENT;
        }
        if (snd.ackTooOld(ack))
        {
            return Verdict.TOO_OLD;
        }
        final long windowBefore = snd.windowBytes();
        final boolean windowUpdated = snd.updateWindow(seg, options.sendShift());
        final boolean advanced = SeqNum.gt(ack, snd.una());
        if (!advanced && snd.allAcknowledged() && seg.sackBlockCount == 0)
        {
            // Nothing in flight and nothing new acknowledged: the ACK field of a receiver's every
            // data segment (the case BSD's and Linux's header prediction takes on a fast path). No
            // RTT sample, no delivery, no duplicate ACK (RFC 5681 needs data outstanding), nothing
            // to deem lost, no controller step, no timer to move: only the window can have news.
            onWindowOpened(windowUpdated);
            return Verdict.ACCEPTED;
        }
        final long rttSampleNs = advanced ? takeRttSample(nowNs, seg) : -1;
        if (rttSampleNs >= 0)
        {
            path.rtt().onSample(rttSampleNs);
        }
        final boolean duplicate = snd.isDuplicateAck(seg, windowBefore);
        recovery.onAck(nowNs, seg, snd.una(), snd.max(), duplicate, rttSampleNs);
        sender.settleMtuProbe(nowNs);
        if (advanced)
        {
            onNewAck(nowNs, ack);
        }
        sender.armLossDetection(nowNs);
        onWindowOpened(windowUpdated);
        return advanced ? Verdict.ADVANCED : Verdict.ACCEPTED;
    }

    /** A window update that opens the peer's window ends the persist timer's probing. */
    private void onWindowOpened(final boolean windowUpdated)
    {
        if (windowUpdated && snd.windowBytes() > 0)
        {
            timers.cancel(TimerKind.PERSIST);
            liveness.onWindowOpened();
        }
    }

    /**
     * RTT sample from an ACK that advanced SND.UNA, or -1: the send time of the newest segment it
     * newly delivers, if that was sent only once (Karn), to the nanosecond; else the echoed
     * timestamp (RFC 7323), which tells which transmission arrived but only to the millisecond.
     *
     * <p>Segments SACKed by earlier ACKs are passed over, as Linux does: their round trip ended when
     * they were SACKed, and an ACK that fills a hole below them would otherwise "measure" the whole
     * time the hole was open (a 30 ms path sampled at 250 ms, and an RTO of a second).
     */
    private long takeRttSample(final long nowNs, final Segment seg)
    {
        final SentLog log = recovery.log();
        for (int i = log.firstEndingAfter(seg.ack) - 1; i >= 0; i--)
        {
            final int slot = log.slot(i);
            if (log.is(slot, SentLog.SACKED))
            {
                continue;
            }
            if (!log.is(slot, SentLog.RETRANSMITTED))
            {
                return nowNs - log.sentNs(slot);
            }
            break;
        }
        // Timestamps identify which transmission is acknowledged, so retransmissions give samples
        // too; but 0 ms only says "under a millisecond", which would pass for a zero RTT.
        final long ms = options.echoedTimestampAgeMs(nowNs, seg);
        return ms > 0 ? ms * NS_PER_MS : -1;
    }

    private void onNewAck(final long nowNs, final int ack)
    {
        counters.bytesAcked += snd.onAckAdvanced(ack);
        liveness.onProgress();
        snd.autotuneBuffer(path.congestion().cwndBytes());
        if (snd.allAcknowledged())
        {
            timers.cancel(TimerKind.RETRANSMIT);
        }
        else
        {
            sender.armRetransmit(nowNs);
        }
    }
}
