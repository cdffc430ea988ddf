package io.rudp.core.connection;

import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.SeqNum;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.recovery.LossRecovery;
import io.rudp.core.recovery.SentLog;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;

import java.nio.ByteBuffer;

/**
 * The data side of a connection's output: which data segment goes next, in order of need — the
 * oldest segment after a timeout, a window probe, a tail-loss probe, a retransmission of a segment
 * deemed lost, a path-MTU probe, new data — as the peer's window, the congestion window and the
 * pacer allow; and the timers that guard what it sent (retransmission, RACK reordering and tail-loss
 * probe, persist). The connection decides whether data may flow at all (its state); SYNs, ACKs,
 * keepalives and path challenges are its own.
 */
final class DataSender
{
    /** Retransmission timeouts in a row, with full-size segments outstanding, taken as a path MTU black hole. */
    static final int BLACK_HOLE_TIMEOUTS = 2;

    private final SendSpace snd;
    private final NetworkPath path;
    private final LossRecovery recovery;
    private final NegotiatedOptions options;
    private final Liveness liveness;
    private final SegmentWriter writer;
    private final TimerTable timers;
    private final ConnectionCounters counters;
    /** The persist timer found the peer's window shut: one byte goes as a window probe. */
    private boolean windowProbeDue;

    DataSender(final SendSpace snd, final NetworkPath path, final LossRecovery recovery, final NegotiatedOptions options,
        final Liveness liveness, final SegmentWriter writer, final TimerTable timers, final ConnectionCounters counters)
    {
        this.snd = snd;
        this.path = path;
        this.recovery = recovery;
        this.options = options;
        this.liveness = liveness;
        this.writer = writer;
        this.timers = timers;
        this.counters = counters;
    }

    /**
     * After a retransmission timeout, the oldest outstanding segment, at once (RFC 6298 (5.4)).
     *
     * @return its length, or 0
     */
    int retransmitOldest(final long nowNs, final ByteBuffer dst, final int offset)
    {
        if (recovery.takeRetransmitOne() && !recovery.log().isEmpty())
        {
            return retransmitRecord(nowNs, dst, offset, recovery.log().slot(0));
        }
        return 0;
    }

    /**
     * A zero-window probe (RFC 9293 §3.8.6.1), if the persist timer asked for one.
     *
     * @return its length, or 0
     */
    int sendWindowProbe(final long nowNs, final ByteBuffer dst, final int offset)
    {
        if (!windowProbeDue)
        {
            return 0;
        }
        windowProbeDue = false;
        counters.zeroWindowProbes++;
        return sendDataAt(nowNs, dst, offset, snd.una(), 1, SendKind.WINDOW_PROBE);
    }

    /**
     * The next data segment, if the state allows data and the pacer allows it now; if the pacer
     * does not, the pacing timer is armed (ACKs still go at once). With nothing to send, or the
     * peer's window holding it back, the rate samples that follow are marked app-limited.
     *
     * @return its length, or 0
     */
    int sendPaced(final long nowNs, final ByteBuffer dst, final int offset, final ConnectionState state)
    {
        if (canSendData(state) && dataSendable())
        {
            final long rateBytesPerSecond = path.pacingRateBytesPerSecond();
            if (path.pacer().canSend(nowNs, rateBytesPerSecond))
            {
                return sendData(nowNs, dst, offset, state);
            }
            timers.set(TimerKind.PACING, path.pacer().nextSendNs(nowNs, rateBytesPerSecond));
        }
        else if (snd.unsentBytes() <= 0 || snd.peerWindowLimited(path.mssDataBytes()))
        {
            // Nothing to send, or the peer's window holds it back: either way the rate samples that
            // follow measure the application or the receiver, not the path. Taken for the path, a
            // window that autotuning has yet to open looks like a full pipe, and BBR leaves STARTUP
            // at a fraction of the bandwidth.
            recovery.onAppLimited(path.congestion().cwndBytes());
        }
        return 0;
    }

    /** Why {@link #sendDataAt} is sending: decides what moves SND.NXT and which timer covers it. */
    private enum SendKind
    {
        NEW, RETRANSMIT, RETRANSMIT_WITH_FIN, WINDOW_PROBE
    }

    /**
     * RFC 8899 §4.3: full-size segments that keep timing out while the PLPMTU is above the base may
     * be falling into a black hole (a path whose MTU dropped, without ICMP). After
     * {@link #BLACK_HOLE_TIMEOUTS} timeouts in a row the segment size falls back to the base; a
     * plain outage costs only a short search back up once the path returns.
     */
    void suspectBlackHole(final long nowNs)
    {
        final SentLog log = recovery.log();
        if (liveness.consecutiveTimeouts() < BLACK_HOLE_TIMEOUTS || log.isEmpty()
            || log.length(log.slot(0)) <= path.dataBytesPerSegment(path.mtu().baseBytes()) + 1)
        {
            return;
        }
        if (path.mtu().onBlackHoleSuspected(nowNs))
        {
            counters.mtuBlackHoles++;
            segmentSizeChanged();
        }
    }

    /** Arms the reordering timer if RACK is waiting on one, else the probe timer if a probe could help. */
    void armLossDetection(final long nowNs)
    {
        long deadline = recovery.reorderDeadlineNs();
        if (deadline == LossRecovery.NONE && timers.isArmed(TimerKind.RETRANSMIT))
        {
            deadline = recovery.probeDeadlineNs(nowNs, timers.deadlineNs(TimerKind.RETRANSMIT));
        }
        if (deadline == LossRecovery.NONE)
        {
            timers.cancel(TimerKind.LOSS_DETECTION);
        }
        else
        {
            timers.set(TimerKind.LOSS_DETECTION, deadline);
        }
    }

    void armRetransmit(final long nowNs)
    {
        timers.set(TimerKind.RETRANSMIT, liveness.retransmitDeadlineNs(nowNs, path.rtt().rtoNs()));
    }

    /** Whether {@link #sendData} would find something to send (roughly: it decides whether pacing waits). */
    private boolean dataSendable()
    {
        if (recovery.probeDue() || recovery.nextRetransmission(path.congestion().cwndBytes()) >= 0)
        {
            return true;
        }
        if (snd.onlyFinLeft())
        {
            return true;
        }
        return snd.unsentBytes() > 0 && usableWindowBytes() > 0;
    }

    /**
     * What the peer's window and the congestion window (with NewReno's inflation) leave for new data.
     * The two bound different things: the peer's window bounds sequence space (RFC 9293: nothing past
     * SND.UNA + SND.WND), the congestion window the bytes in the network ("pipe", which leaves out
     * SACKed data). Held against the pipe, the peer's window let a sender in recovery with a
     * megabyte SACKed send a megabyte past the window, which the receiver could only discard.
     */
    private long usableWindowBytes()
    {
        final long byCongestion = path.congestion().cwndBytes() + recovery.inflationBytes() - recovery.inFlightBytes();
        return Math.min(snd.peerWindowRoomBytes(), byCongestion);
    }

    /**
     * The next data segment, in order of need: a tail-loss probe, a retransmission of a segment
     * deemed lost (if the window has room), new data.
     */
    private int sendData(final long nowNs, final ByteBuffer dst, final int offset, final ConnectionState state)
    {
        if (recovery.probeDue())
        {
            return sendTailLossProbe(nowNs, dst, offset);
        }
        final int lost = recovery.nextRetransmission(path.congestion().cwndBytes());
        if (lost >= 0)
        {
            return retransmitRecord(nowNs, dst, offset, lost);
        }
        final int probe = sendMtuProbe(nowNs, dst, offset, state);
        if (probe > 0)
        {
            return probe;
        }
        return sendNewData(nowNs, dst, offset, false);
    }

    /**
     * A path-MTU probe (RFC 8899 §4.1), if the search wants one: new data, as much as the probed
     * size holds, in one segment. A capture shows an ordinary TCP segment, larger than the others;
     * the receiver acknowledges it like any other. Sent only with SACK (which tells a lost probe
     * from a lost window), outside recovery, and when data and both windows fill it: a probe padded
     * with nothing is what a TCP segment cannot be.
     */
    private int sendMtuProbe(final long nowNs, final ByteBuffer dst, final int offset, final ConnectionState state)
    {
        if (!options.sack() || recovery.inRecovery() || recovery.log().isFull()
            || !(state == ConnectionState.ESTABLISHED || state == ConnectionState.CLOSE_WAIT))
        {
            return 0;
        }
        final int probeBytes = path.mtu().probeSizeBytes(nowNs);
        if (probeBytes == 0)
        {
            return 0;
        }
        final int dataBytes = probeBytes - SegmentCodec.HEADER_BYTES - options.fixedOptionBytes();
        // The peer's window must hold all of it; the congestion window, like Linux's for its probes,
        // room for two segments of the current size: a probe many times larger (64 KiB on loopback
        // from 1200-byte segments) would otherwise wait for a gap a full pipe never leaves.
        if (dataBytes <= path.mssDataBytes() || snd.unsentBytes() < dataBytes || snd.peerWindowRoomBytes() < dataBytes
            || usableWindowBytes() < Math.min(dataBytes, 2L * path.mssDataBytes()))
        {
            return 0;
        }
        final int start = snd.nxt();
        path.probing(probeBytes);
        final int length = sendDataAt(nowNs, dst, offset, start, dataBytes, SendKind.NEW);
        path.probing(0);
        if (length > 0)
        {
            path.mtu().onProbeSent(probeBytes);
            recovery.onMtuProbeSent(start, snd.nxt());
            counters.mtuProbesSent++;
        }
        return length;
    }

    /** What the loss recovery learnt of the probe: the path carries its size, or it was lost. */
    void settleMtuProbe(final long nowNs)
    {
        switch (recovery.takeMtuProbeOutcome())
        {
            case ACKED:
                if (path.mtu().onProbeAcked(nowNs))
                {
                    segmentSizeChanged();
                }
                break;
            case LOST:
                counters.mtuProbesLost++;
                path.mtu().onProbeLost(nowNs);
                break;
            default:
                break;
        }
    }

    /** RFC 8985 §7.3: new data if the peer's window allows, else the newest segment not SACKed. */
    private int sendTailLossProbe(final long nowNs, final ByteBuffer dst, final int offset)
    {
        int length = sendNewData(nowNs, dst, offset, true);
        boolean retransmission = false;
        if (length == 0)
        {
            final int slot = recovery.probeRetransmission();
            length = slot < 0 ? 0 : retransmitRecord(nowNs, dst, offset, slot);
            retransmission = true;
        }
        if (length > 0)
        {
            recovery.onProbeSent(snd.max(), retransmission);
            armRetransmit(nowNs); // RFC 8985 §7.3: after the probe, the RTO guards the tail
            armLossDetection(nowNs);
        }
        else
        {
            recovery.cancelProbe();
        }
        return length;
    }

    /**
     * Sends the record in {@code slot} of the sent log again, whole, unless the segment size fell
     * since it was sent (a lost path-MTU probe, a black hole): then it is split into records of the
     * current size, and the first of them goes.
     */
    private int retransmitRecord(final long nowNs, final ByteBuffer dst, final int offset, final int recordSlot)
    {
        final SentLog log = recovery.log();
        int slot = recordSlot;
        if (log.length(slot) > path.mssDataBytes() + 1)
        {
            final int ordinal = log.firstEndingAfter(log.start(slot));
            log.split(ordinal, path.mssDataBytes());
            slot = log.slot(ordinal);
        }
        final boolean withFin = snd.finSent() && log.end(slot) == snd.finSeq() + 1;
        final int dataLength = log.length(slot) - (withFin ? 1 : 0);
        final int length = sendDataAt(nowNs, dst, offset, log.start(slot), dataLength,
            withFin ? SendKind.RETRANSMIT_WITH_FIN : SendKind.RETRANSMIT);
        if (length > 0)
        {
            recovery.onRetransmitted(nowNs, slot, options.tsNowMs(nowNs));
            if (slot == log.slot(0))
            {
                // The oldest segment went again: its RTO counts from now (as Linux's retransmit
                // path does), or a hole resent behind a full queue times out before its ACK can come.
                armRetransmit(nowNs);
            }
        }
        return length;
    }

    /**
     * New data from SND.NXT, as much as a segment, the peer's window and (unless this is a probe)
     * the congestion window allow, subject to Nagle and silly-window avoidance.
     */
    private int sendNewData(final long nowNs, final ByteBuffer dst, final int offset, final boolean probe)
    {
        if (recovery.log().isFull()) // (the state allows data: only sendData leads here)
        {
            return 0;
        }
        // A probe ignores the congestion window (RFC 8985 §7.3), never the peer's.
        final long room = probe ? snd.probeRoomBytes() : usableWindowBytes();
        final int length = snd.nextNewDataBytes(room, path.mssDataBytes(), probe);
        return length < 0 ? 0 : sendDataAt(nowNs, dst, offset, snd.nxt(), length, SendKind.NEW);
    }

    static boolean canSendData(final ConnectionState state)
    {
        switch (state)
        {
            case ESTABLISHED:
            case CLOSE_WAIT:
            case FIN_WAIT_1:
            case CLOSING:
            case LAST_ACK:
                return true;
            default:
                return false;
        }
    }

    /**
     * Sends {@code maxLength} bytes (fewer at the end of the data) starting at {@code seq}, with FIN if
     * the data reaches it.
     */
    private int sendDataAt(final long nowNs, final ByteBuffer dst, final int offset, final int seq, final int maxLength,
        final SendKind kind)
    {
        final boolean probe = kind == SendKind.WINDOW_PROBE;
        final int length = snd.lengthAt(seq, maxLength);
        // A retransmission carries FIN only if its record did: FIN always starts a record of its own
        // or ends the one it went out with.
        final boolean fin = snd.reachesFin(seq, length)
            && (kind == SendKind.NEW || kind == SendKind.RETRANSMIT_WITH_FIN);
        if (length == 0 && !fin)
        {
            return 0;
        }
        int flags = TcpFlags.ACK;
        if (length > 0 && seq + length == snd.dataEnd())
        {
            flags |= TcpFlags.PSH;
        }
        if (fin)
        {
            flags |= TcpFlags.FIN;
        }
        final int segmentBytes = writer.write(nowNs, dst, offset, flags, seq, length, false);
        final int end = seq + length + (fin ? 1 : 0);
        final boolean resent = SeqNum.lt(seq, snd.max());
        if (resent)
        {
            counters.retransmittedSegments++;
            counters.retransmittedBytes += length;
        }
        counters.bytesSent += length;
        if (kind == SendKind.NEW)
        {
            recovery.onSent(nowNs, seq, end, options.tsNowMs(nowNs));
        }
        if (!probe)
        {
            final long rate = path.pacingRateBytesPerSecond();
            // Charged in data bytes, the unit of the rate: charged the whole datagram, the pacer
            // sent 2.7 % below the rate BBR asked for (40 header bytes in 1,472).
            path.pacer().onSent(nowNs, length, rate);
            path.congestion().onSent(nowNs, length, recovery.inFlightBytes(), resent);
        }
        snd.onSent(end, fin, probe);
        if (probe)
        {
            timers.set(TimerKind.PERSIST, nowNs + persistIntervalNs());
        }
        else if (!timers.isArmed(TimerKind.RETRANSMIT))
        {
            armRetransmit(nowNs);
        }
        if (kind == SendKind.NEW)
        {
            armLossDetection(nowNs); // RFC 8985 §7.2: the probe timer restarts with new data
        }
        return segmentBytes;
    }

    private long persistIntervalNs()
    {
        return liveness.persistIntervalNs(path.rtt().rtoNs());
    }

    /** Data waits, nothing is in flight to bring an ACK: only the persist timer can unblock it. */
    void armPersistIfBlocked(final long nowNs, final ConnectionState state)
    {
        if (canSendData(state) && snd.unsentBytes() > 0 && snd.nxt() == snd.una() && !timers.isArmed(TimerKind.RETRANSMIT)
            && !timers.isArmed(TimerKind.PERSIST))
        {
            timers.set(TimerKind.PERSIST, nowNs + persistIntervalNs());
        }
    }

    /**
     * The PLPMTU changed: the segment size follows it, and with it the loss recovery's, the
     * controller's and the pacer's idea of a segment. Records already sent larger are split when
     * they are resent.
     */
    void segmentSizeChanged()
    {
        if (path.segmentSizeChanged())
        {
            recovery.configure(options.sack(), path.mssDataBytes());
        }
    }

    /**
     * The persist timer fired: with data held back by a zero window, a window probe is due; by a
     * small one that silly-window avoidance waits on, the next segment goes anyway.
     *
     * @return why to give up on the peer, or null
     */
    CloseReason onPersistTimeout(final long nowNs)
    {
        if (snd.unsentBytes() <= 0 || snd.nxt() != snd.una())
        {
            return null;
        }
        final CloseReason giveUp = liveness.onPersistTimeout(nowNs);
        if (giveUp != null)
        {
            return giveUp;
        }
        if (snd.windowBytes() == 0)
        {
            windowProbeDue = true;
        }
        else
        {
            snd.forceSend(); // a small window that SWS avoidance would otherwise wait on
        }
        return null;
    }
}
