package io.rudp.core.congestion;

/**
 * Whether STARTUP has begun to build a queue: eight RTT samples in a row above the minimum by a
 * sixteenth of it (at least 4 ms). A queue grows only once the pipe is full, so from then on a
 * window of two BDPs (one for the pipe, one for a buffer as deep as the pipe is long) is all the
 * path holds, and a round without more bandwidth says the pipe is full.
 *
 * <p>Eight in a row, not one: a reordered segment's ACK, or one the receiver's loop held back, reads
 * as a single high sample (on a link reordering 2 % of segments by 15 ms, a single sample held the
 * window back often enough to cost the simulator's run 0.7 % of the link). The 4 ms floor is
 * HyStart++'s (RFC 9406), but not its exit, which on the real path left STARTUP before the pipe was
 * full: here a queue holds the window, and ends STARTUP only together with a round without more
 * bandwidth.
 */
final class StartupQueue
{
    static final int SAMPLES_IN_A_ROW = 8;
    static final int MIN_RTT_DIVISOR = 16;
    static final long MIN_MARGIN_NS = 4_000_000L;

    private int samplesInARow;
    /** The round of the latest sample that completed a run, or far enough back to mean never. */
    private long seenRound = Long.MIN_VALUE / 2;

    /** An RTT sample taken in {@code round}, with the path's minimum RTT so far. */
    void onRttSample(final long rttNs, final long minRttNs, final long round)
    {
        if (rttNs - minRttNs > Math.max(minRttNs / MIN_RTT_DIVISOR, MIN_MARGIN_NS))
        {
            if (++samplesInARow >= SAMPLES_IN_A_ROW)
            {
                seenRound = round;
            }
        }
        else
        {
            samplesInARow = 0;
        }
    }

    /** {@return true if a queue showed in {@code round} or the one before} */
    boolean shows(final long round)
    {
        return round - seenRound <= 1;
    }
}
