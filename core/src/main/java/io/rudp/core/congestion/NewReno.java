package io.rudp.core.congestion;

/**
 * NewReno congestion control (RFC 5681, RFC 6582): initial window of 10 segments (RFC 6928), slow
 * start and congestion avoidance by appropriate byte counting (RFC 3465, L = 2 SMSS), halving on a
 * loss event, one segment after a retransmission timeout, and the window of before the event
 * restored when the event proves spurious. Slow start ends early, before the losses, when
 * {@link HyStartPlusPlus} sees the RTT grow.
 *
 * <p>The fast-recovery window inflation of RFC 6582 is applied by the connection's recovery logic
 * on top of {@link #cwndBytes()}; this class keeps only the window proper.
 */
public final class NewReno implements CongestionControl
{
    /** The initial window, in segments (RFC 6928). */
    public static final int INITIAL_WINDOW_SEGMENTS = 10;

    private int mssBytes;
    private long cwndBytes;
    private long ssthreshBytes = Long.MAX_VALUE;
    /** Bytes acknowledged in congestion avoidance since cwnd last grew by one MSS. */
    private long bytesAckedInAvoidance;
    private long undoCwndBytes;
    private long undoSsthreshBytes;
    private final HyStartPlusPlus hyStart = new HyStartPlusPlus();

    /**
     * A controller starting at the initial window, in slow start.
     *
     * @param mssBytes data bytes in a full segment
     */
    public NewReno(final int mssBytes)
    {
        this.mssBytes = mssBytes;
        this.cwndBytes = (long)INITIAL_WINDOW_SEGMENTS * mssBytes;
    }

    @Override
    public long cwndBytes()
    {
        return cwndBytes;
    }

    @Override
    public long ssthreshBytes()
    {
        return ssthreshBytes;
    }

    @Override
    public void onAck(final AckSample ack)
    {
        if ((ack.inRecovery && !ack.inTimeoutRecovery) || ack.ackedBytes == 0 || ack.priorInFlightBytes * 2 < cwndBytes)
        {
            return; // RFC 7661: a window the sender is not using has not been validated, so it must not grow
        }
        if (cwndBytes < ssthreshBytes)
        {
            if (hyStart.onAck(ack))
            {
                ssthreshBytes = cwndBytes; // RFC 9406: conservative slow start over, congestion avoidance
                return;
            }
            cwndBytes += (long)hyStart.slowStartIncreaseBytes(ack.ackedBytes, mssBytes);
        }
        else
        {
            bytesAckedInAvoidance += ack.ackedBytes;
            if (bytesAckedInAvoidance >= cwndBytes)
            {
                bytesAckedInAvoidance -= cwndBytes;
                cwndBytes += mssBytes;
            }
        }
    }

    @Override
    public void onCongestionEvent(final long nowNs, final long inFlightBytes)
    {
        saveForUndo();
        ssthreshBytes = Math.max(inFlightBytes / 2, 2L * mssBytes);
        cwndBytes = ssthreshBytes;
        bytesAckedInAvoidance = 0;
        hyStart.reset();
    }

    @Override
    public void onRecoveryEnd(final long nowNs, final long inFlightBytes)
    {
        cwndBytes = Math.min(ssthreshBytes, Math.max(inFlightBytes, 0) + mssBytes);
        cwndBytes = Math.max(cwndBytes, 2L * mssBytes);
    }

    @Override
    public void onRetransmissionTimeout(final long nowNs, final long inFlightBytes)
    {
        saveForUndo();
        ssthreshBytes = Math.max(inFlightBytes / 2, 2L * mssBytes);
        cwndBytes = mssBytes;
        bytesAckedInAvoidance = 0;
        hyStart.reset();
    }

    @Override
    public void onSpuriousCongestionEvent(final long nowNs)
    {
        cwndBytes = Math.max(cwndBytes, undoCwndBytes);
        ssthreshBytes = Math.max(ssthreshBytes, undoSsthreshBytes);
    }

    private void saveForUndo()
    {
        undoCwndBytes = cwndBytes;
        undoSsthreshBytes = ssthreshBytes;
    }

    @Override
    public void onSegmentSizeChanged(final int mssBytes)
    {
        this.mssBytes = mssBytes;
        // The window stays in bytes, but never below its floor in segments of the new size: a
        // window smaller than one segment would hold back every full segment (Linux counts its
        // window in packets, so one of 64 KiB after a loopback probe is still a packet).
        cwndBytes = Math.max(cwndBytes, (long)2 * mssBytes);
    }

    @Override
    public String name()
    {
        return "newreno";
    }

    @Override
    public String toString()
    {
        return "newreno[cwnd=" + cwndBytes + " ssthresh=" + ssthreshBytes + "]";
    }
}
