package io.rudp.core.isn;

/**
 * SipHash-2-4 (Aumasson and Bernstein), the keyed PRF behind RFC 6528 initial sequence numbers.
 * Written out here so that {@code core} depends on nothing.
 */
public final class SipHash
{
    private long v0;
    private long v1;
    private long v2;
    private long v3;
    private long tail;
    private int length;

    /**
     * A SipHash-2-4 keyed by {@code (k0, k1)}.
     *
     * @param k0 first 64 bits of the key
     * @param k1 second 64 bits of the key
     */
    public SipHash(final long k0, final long k1)
    {
        reset(k0, k1);
    }

    /**
     * Starts a new hash with a key.
     *
     * @param k0 first 64 bits of the key
     * @param k1 second 64 bits of the key
     * @return this
     */
    public SipHash reset(final long k0, final long k1)
    {
        v0 = k0 ^ 0x736f6d6570736575L;
        v1 = k1 ^ 0x646f72616e646f6dL;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
        tail = 0;
        length = 0;
        return this;
    }

    /**
     * Adds one byte.
     *
     * @param b the byte
     * @return this
     */
    public SipHash update(final byte b)
    {
        tail |= (b & 0xFFL) << (8 * (length & 7));
        length++;
        if ((length & 7) == 0)
        {
            compress(tail);
            tail = 0;
        }
        return this;
    }

    /**
     * Adds bytes.
     *
     * @param bytes the bytes
     * @return this
     */
    public SipHash update(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            update(b);
        }
        return this;
    }

    /**
     * Eight bytes, most significant first.
     *
     * @param value the value
     * @return this
     */
    public SipHash updateLong(final long value)
    {
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            update((byte)(value >>> shift));
        }
        return this;
    }

    /**
     * Adds two bytes, most significant first.
     *
     * @param value the value (its low 16 bits)
     * @return this
     */
    public SipHash updateShort(final int value)
    {
        return update((byte)(value >>> 8)).update((byte)value);
    }

    /**
     * {@return the hash of everything added since the last reset}
     */
    public long finish()
    {
        compress(tail | ((long)(length & 0xFF) << 56));
        v2 ^= 0xFF;
        for (int i = 0; i < 4; i++)
        {
            round();
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private void compress(final long m)
    {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }

    private void round()
    {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
    }
}
