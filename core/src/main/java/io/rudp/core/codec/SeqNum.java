package io.rudp.core.codec;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Sequence numbers are held in {@code int}s
 * and compared only through these methods: {@code a < b} on raw values breaks at the wrap.
 */
public final class SeqNum
{
    private SeqNum()
    {
    }

    public static boolean lt(final int a, final int b)
    {
        return a - b < 0;
    }

    public static boolean le(final int a, final int b)
    {
        return a - b <= 0;
    }

    public static boolean gt(final int a, final int b)
    {
        return a - b > 0;
    }

    public static boolean ge(final int a, final int b)
    {
        return a - b >= 0;
    }

    /** Distance from {@code from} forward to {@code to}, as a signed int ({@code to - from}). */
    public static int diff(final int to, final int from)
    {
        return to - from;
    }

    public static int max(final int a, final int b)
    {
        return gt(a, b) ? a : b;
    }

    public static int min(final int a, final int b)
    {
        return lt(a, b) ? a : b;
    }

    /** True if {@code low <= x < high}, modulo 2^32. */
    public static boolean inRange(final int x, final int low, final int high)
    {
        return ge(x, low) && lt(x, high);
    }

    /** The unsigned value of a sequence number, for printing. */
    public static long unsigned(final int seq)
    {
        return seq & 0xFFFF_FFFFL;
    }
}
