package io.rudp.nio;

import io.rudp.core.config.RudpConfig;

import java.time.Duration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Shared pieces of the real-UDP tests. Every address is on loopback. */
final class LoopbackSupport
{
    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private LoopbackSupport()
    {
    }

    /** Engine settings for loopback: a short minimum RTO, since the RTT is microseconds. */
    static RudpConfig config()
    {
        return RudpConfig.builder().minRto(Duration.ofMillis(20)).build();
    }

    static byte[] randomBytes(final long seed, final int length)
    {
        final byte[] bytes = new byte[length];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)random.nextInt();
        }
        return bytes;
    }

    static byte[] sha256(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
