package io.rudp.core.stats;

import io.rudp.core.codec.DropReason;

/** Counts of dropped datagrams by {@link DropReason}. Single-threaded, like the engine that owns it. */
public final class DropCounters
{
    private final long[] counts = new long[DropReason.count()];

    /** All counters at zero. */
    public DropCounters()
    {
        // nothing to set up
    }

    /**
     * Counts one more segment dropped for {@code reason}.
     *
     * @param reason the reason
     */
    public void increment(final DropReason reason)
    {
        counts[reason.ordinal()]++;
    }

    /**
     * Segments dropped for {@code reason}.
     *
     * @param reason the reason
     * @return segments dropped for it
     */
    public long get(final DropReason reason)
    {
        return counts[reason.ordinal()];
    }

    /**
     * {@return segments dropped, all reasons}
     */
    public long total()
    {
        long sum = 0;
        for (final long c : counts)
        {
            sum += c;
        }
        return sum;
    }

    /** Only the non-zero counts, e.g. {@code {BAD_CRC=3, OUT_OF_WINDOW=1}}. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < counts.length; i++)
        {
            if (counts[i] != 0)
            {
                if (sb.length() > 1)
                {
                    sb.append(", ");
                }
                sb.append(DropReason.of(i)).append('=').append(counts[i]);
            }
        }
        return sb.append('}').toString();
    }
}
