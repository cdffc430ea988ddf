package io.rudp.examples;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * The perf tools' stream: an 8-byte length, then that many bytes, then the SHA-256 of those bytes.
 * A length of {@link #UNTIL_CLOSED} (a timed run) means the bytes go on until the sender closes,
 * the digest being the stream's last 32 bytes.
 * The bytes are one random 64 KiB block with the block number stamped in its first 8 bytes, so
 * generating them costs nothing and any reordering or loss still changes the digest.
 */
final class PerfStream
{
    static final int BLOCK_BYTES = 64 * 1024;
    static final int DIGEST_BYTES = 32;
    /** The length of a stream whose end is the sender's close. */
    static final long UNTIL_CLOSED = -1;

    private final byte[] block = new byte[BLOCK_BYTES];

    PerfStream(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < block.length; i++)
        {
            block[i] = (byte)random.nextInt();
        }
    }

    /** Fills {@link #block()} with block number {@code index} and returns it. */
    byte[] block(final long index)
    {
        for (int i = 0; i < 8; i++)
        {
            block[i] = (byte)(index >>> (56 - 8 * i));
        }
        return block;
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }

    static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte b : bytes)
        {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    static String human(final double bytes)
    {
        final String[] units = {"B", "KiB", "MiB", "GiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1)
        {
            v /= 1024;
            u++;
        }
        return String.format("%.2f %s", v, units[u]);
    }
}
