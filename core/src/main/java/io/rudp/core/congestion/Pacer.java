package io.rudp.core.congestion;

/**
 * Releases segments at a rate instead of in window-sized bursts: a token bucket in bytes, refilled
 * at the pacing rate, holding at most a small burst. A segment may go when the bucket holds a full
 * segment's worth; otherwise {@link #nextSendNs} says when it will.
 *
 * <p>The bucket holds two milliseconds of data (at least two segments), because the timers that
 * wake a sender are millisecond-grained in practice: a selector waits whole milliseconds and the
 * kernel adds its timer slack, so a sender that asks to wake 0.1 ms from now wakes about 1.05 ms
 * later. With a one-millisecond bucket that lateness was credit lost: 89 % of the pacing rate at
 * 100 Mbit/s. Two milliseconds carry it over.
 */
public final class Pacer
{
    static final long BURST_NS = 2_000_000L;
    static final int MIN_BURST_SEGMENTS = 2;

    private int mssBytes;
    private double budgetBytes;
    private long lastNs;
    private boolean refilledOnce;

    /**
     * A pacer whose bucket starts with two segments' worth.
     *
     * @param mssBytes data bytes in a full segment
     */
    public Pacer(final int mssBytes)
    {
        this.mssBytes = mssBytes;
        this.budgetBytes = (double)MIN_BURST_SEGMENTS * mssBytes;
    }

    /**
     * The segment size changed (path MTU discovery): a segment's worth is the new size.
     *
     * @param mssBytes data bytes in a full segment
     */
    public void segmentBytes(final int mssBytes)
    {
        this.mssBytes = mssBytes;
    }

    private double burstBytes(final long rateBytesPerSecond)
    {
        return Math.max((double)MIN_BURST_SEGMENTS * mssBytes, rateBytesPerSecond * (BURST_NS / 1e9));
    }

    private void refill(final long nowNs, final long rateBytesPerSecond)
    {
        if (refilledOnce && nowNs - lastNs > 0)
        {
            budgetBytes = Math.min(burstBytes(rateBytesPerSecond),
                budgetBytes + (nowNs - lastNs) * (rateBytesPerSecond / 1e9));
        }
        lastNs = nowNs;
        refilledOnce = true;
    }

    /**
     * Whether a segment may go now at {@code rateBytesPerSecond} (0 = unpaced).
     *
     * @param nowNs the connection's clock
     * @param rateBytesPerSecond the pacing rate (0: unpaced)
     * @return whether a segment may go now
     */
    public boolean canSend(final long nowNs, final long rateBytesPerSecond)
    {
        if (rateBytesPerSecond <= 0)
        {
            return true;
        }
        refill(nowNs, rateBytesPerSecond);
        return budgetBytes >= mssBytes;
    }

    /**
     * A segment of {@code bytes} went out.
     *
     * @param nowNs the connection's clock
     * @param bytes data bytes in the segment
     * @param rateBytesPerSecond the pacing rate (0: unpaced)
     */
    public void onSent(final long nowNs, final long bytes, final long rateBytesPerSecond)
    {
        if (rateBytesPerSecond <= 0)
        {
            return;
        }
        refill(nowNs, rateBytesPerSecond);
        budgetBytes -= bytes;
    }

    /**
     * When the bucket will hold a segment again, after {@link #canSend} said no.
     *
     * @param nowNs the connection's clock
     * @param rateBytesPerSecond the pacing rate (0: unpaced)
     * @return when the next segment may go
     */
    public long nextSendNs(final long nowNs, final long rateBytesPerSecond)
    {
        final double deficit = Math.max(0, mssBytes - budgetBytes);
        return nowNs + Math.max(1, (long)Math.ceil(deficit * 1e9 / rateBytesPerSecond));
    }
}
