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

    /**
     * Modular comparison (RFC 1982): {@code a < b}.
     *
     * @param a a sequence number
     * @param b another
     * @return whether {@code a} comes before {@code b}
     */
    public static boolean lt(final int a, final int b)
    {
        return a - b < 0;
    }

    /**
     * Modular comparison: {@code a <= b}.
     *
     * @param a a sequence number
     * @param b another
     * @return whether {@code a} is {@code b} or comes before it
     */
    public static boolean le(final int a, final int b)
    {
        return a - b <= 0;
    }

    /**
     * Modular comparison: {@code a > b}.
     *
     * @param a a sequence number
     * @param b another
     * @return whether {@code a} comes after {@code b}
     */
    public static boolean gt(final int a, final int b)
    {
        return a - b > 0;
    }

    /**
     * Modular comparison: {@code a >= b}.
     *
     * @param a a sequence number
     * @param b another
     * @return whether {@code a} is {@code b} or comes after it
     */
    public static boolean ge(final int a, final int b)
    {
        return a - b >= 0;
    }

    /**
     * Distance from {@code from} forward to {@code to}, as a signed int ({@code to - from}).
     *
     * @param to the later number
     * @param from the earlier one
     * @return {@code to - from}, signed
     */
    public static int diff(final int to, final int from)
    {
        return to - from;
    }

    /**
     * The later of two sequence numbers.
     *
     * @param a a sequence number
     * @param b another
     * @return the later of the two
     */
    public static int max(final int a, final int b)
    {
        return gt(a, b) ? a : b;
    }

    /**
     * The earlier of two sequence numbers.
     *
     * @param a a sequence number
     * @param b another
     * @return the earlier of the two
     */
    public static int min(final int a, final int b)
    {
        return lt(a, b) ? a : b;
    }

    /**
     * True if {@code low <= x < high}, modulo 2^32.
     *
     * @param x the number
     * @param low the range's start
     * @param high the range's end
     * @return whether {@code x} is in it
     */
    public static boolean inRange(final int x, final int low, final int high)
    {
        return ge(x, low) && lt(x, high);
    }

    /**
     * The unsigned value of a sequence number, for printing.
     *
     * @param seq the number
     * @return its value, 0 to 2^32 - 1
     */
    public static long unsigned(final int seq)
    {
        return seq & 0xFFFF_FFFFL;
    }
}
