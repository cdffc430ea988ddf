package io.rudp.core.isn;

import java.net.InetSocketAddress;

/**
 * RFC 6528 initial sequence numbers: {@code ISN = M + F(localport, remoteaddr, remoteport, secretkey)}
 * where M is a clock ticking every 4 µs and F is SipHash-2-4 keyed with a secret. The clock keeps
 * successive incarnations of the same connection apart; the secret keeps outsiders from predicting
 * the ISN and blindly injecting segments.
 */
public final class Rfc6528IsnGenerator implements IsnGenerator
{
    private static final long TICK_NS = 4_000;

    private final long key0;
    private final long key1;
    private final SipHash hash = new SipHash(0, 0);

    /**
     * A generator keyed by a 128-bit secret.
     *
     * @param key0 first 64 bits of the secret
     * @param key1 second 64 bits of the secret
     */
    public Rfc6528IsnGenerator(final long key0, final long key1)
    {
        this.key0 = key0;
        this.key1 = key1;
    }

    @Override
    public int isn(final long nowNs, final int localPort, final InetSocketAddress remote, final int remotePort)
    {
        hash.reset(key0, key1).updateShort(localPort).updateShort(remotePort).updateShort(remote.getPort());
        if (remote.getAddress() != null)
        {
            hash.update(remote.getAddress().getAddress());
        }
        return (int)Math.floorDiv(nowNs, TICK_NS) + (int)hash.finish();
    }
}
