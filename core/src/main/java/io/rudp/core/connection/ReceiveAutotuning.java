package io.rudp.core.connection;

/**
 * Receive-window autotuning, after Linux's dynamic right-sizing ({@code tcp_rcv_space_adjust}):
 * once per receiver-side round trip, the bytes the application read in it are measured, and the
 * receive buffer in force is raised to a few times that, so the window never holds back a sender
 * that the application keeps up with, while an application that stops reading does not make the
 * window (and the memory behind it) grow.
 *
 * <p>The receiver's RTT comes from the timestamps the peer echoes (the time since the ACK it echoes
 * was sent), smoothed, or the connection's own RTT estimate before any.
 */
final class ReceiveAutotuning
{
    /** The window offered at first (Linux starts near 128 KiB). */
    static final int INITIAL_BUFFER_BYTES = 256 * 1024;
    /**
     * Buffer per byte read in a round trip. Twice covers a sender doubling per RTT in slow start;
     * four leaves room for BBR's startup gain and for out-of-order data during loss recovery.
     */
    static final int GROWTH_FACTOR = 4;

    private long intervalStartNs;
    private boolean intervalStarted;
    private long readAtIntervalStart;
    private long rttNs = -1;

    /** A receiver-side RTT sample (from an echoed timestamp). */
    void onRttSample(final long sampleNs)
    {
        rttNs = rttNs < 0 ? sampleNs : rttNs + (sampleNs - rttNs) / 8;
    }

    /**
     * Data arrived at {@code nowNs}; {@code totalReadBytes} is what the application has read so far.
     *
     * @return the buffer size to raise to, or -1 if the round trip is not over yet
     */
    long onData(final long nowNs, final long totalReadBytes, final long fallbackRttNs)
    {
        if (!intervalStarted)
        {
            intervalStarted = true;
            intervalStartNs = nowNs;
            readAtIntervalStart = totalReadBytes;
            return -1;
        }
        final long interval = rttNs > 0 ? rttNs : fallbackRttNs;
        if (interval <= 0 || nowNs - intervalStartNs < interval)
        {
            return -1;
        }
        final long readInInterval = totalReadBytes - readAtIntervalStart;
        intervalStartNs = nowNs;
        readAtIntervalStart = totalReadBytes;
        return readInInterval * GROWTH_FACTOR;
    }
}
