package io.rudp.core.recovery;

import io.rudp.core.codec.SeqNum;
import io.rudp.core.timer.Deadlines;

/**
 * Tail-loss probes (RFC 8985 §7): when the last segments of a flight are lost, no later segment
 * arrives to reveal it, and only the retransmission timeout would. So two smoothed RTTs after the
 * last send, the sender probes — with new data, or by resending its newest segment — and the ACK
 * for the probe brings the SACK that lets RACK repair the tail. One probe is outstanding at a time.
 */
final class TailLossProbe
{
    /** RFC 8985 §7.2 WCDelAckT: the worst-case delayed-ACK time a lone probe must wait out. */
    static final long WORST_CASE_DELAYED_ACK_NS = 200_000_000L;
    /**
     * Floor of the probe timeout (Linux's {@code TCP_TIMEOUT_MIN}): on a sub-millisecond path 2·SRTT
     * is shorter than a scheduling hiccup, and probes would fire at every pause of the sender.
     */
    static final long MIN_PROBE_TIMEOUT_NS = 2_000_000L;

    private boolean due;
    private boolean outstanding;
    private boolean retransmission;
    private int endSeq;

    /**
     * When the probe timeout should fire (RFC 8985 §7.2): two SRTTs (at least 2 ms), plus the
     * worst-case delayed ACK when a lone segment is in flight, and never after the RTO.
     */
    long deadlineNs(final long nowNs, final long srttNs, final long inFlightBytes, final int mssBytes,
        final long rtoDeadlineNs)
    {
        long ptoNs = Math.max(2 * srttNs, MIN_PROBE_TIMEOUT_NS);
        if (inFlightBytes <= mssBytes)
        {
            ptoNs += WORST_CASE_DELAYED_ACK_NS;
        }
        return Deadlines.earlier(nowNs + ptoNs, rtoDeadlineNs);
    }

    boolean outstanding()
    {
        return outstanding;
    }

    boolean due()
    {
        return due;
    }

    /** The probe timer fired. */
    void onTimeout()
    {
        due = !outstanding;
    }

    /** The probe went out; {@code end} is SND.MAX after it. */
    void onSent(final int end, final boolean isRetransmission)
    {
        due = false;
        outstanding = true;
        retransmission = isRetransmission;
        endSeq = end;
    }

    /** Nothing could be sent as a probe, or a timeout took over. */
    void cancel()
    {
        due = false;
    }

    void reset()
    {
        due = false;
        outstanding = false;
    }

    /**
     * RFC 8985 §7.4.2: what an ACK says about the outstanding probe.
     *
     * @return true if the probe repaired a loss (the window must react as for any loss)
     */
    boolean onAck(final int ack, final boolean advanced, final boolean dsack, final boolean pureDuplicate)
    {
        if (!outstanding || SeqNum.lt(ack, endSeq))
        {
            return false;
        }
        if (!retransmission || dsack)
        {
            outstanding = false; // new data, or both copies arrived
            return false;
        }
        if (advanced)
        {
            outstanding = false;
            return true;
        }
        if (pureDuplicate)
        {
            outstanding = false; // original and probe both arrived
        }
        return false;
    }
}
