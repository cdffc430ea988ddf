package io.rudp.core.isn;

import java.net.InetSocketAddress;

/**
 * SYN cookies (RFC 4987 §3.6): when the half-open table is full, the server answers a SYN without
 * keeping any state, and puts what it needs into its ISN; the client's ACK (ack = ISN + 1) brings
 * it back. Layout of the 32-bit cookie:
 * <pre>
 *   [ time slot : 5 ][ MSS index : 3 ][ MAC : 24 ]
 * </pre>
 * The MAC is SipHash-2-4, keyed with the endpoint's secret, over the connection's ports, the peer's
 * address, the peer's ISN and the time slot, so a cookie cannot be forged or replayed later than
 * one slot (64 s) after it was issued. The price: options that need state (window scaling, SACK,
 * timestamps) are not offered on such a connection, as with Linux without timestamps.
 */
public final class SynCookies
{
    /** MSS values a cookie can carry; the largest not above the peer's is chosen. */
    private static final int[] MSS_TABLE = {536, 1024, 1200, 1360, 1400, 1440, 1452, 1460};
    private static final long SLOT_NS = 64_000_000_000L;
    private static final int MAC_MASK = 0xFF_FFFF;

    private final long key0;
    private final long key1;
    private final SipHash hash = new SipHash(0, 0);

    /**
     * Cookies keyed by a 128-bit secret (distinct from the ISN generator's key).
     *
     * @param key0 first 64 bits of the secret
     * @param key1 second 64 bits of the secret
     */
    public SynCookies(final long key0, final long key1)
    {
        // A key distinct from the ISN generator's, so neither output says anything about the other.
        this.key0 = key0 ^ 0x5f3759df_5f3759dfL;
        this.key1 = Long.rotateLeft(key1, 17) ^ 0x2545F491_4F6CDD1DL;
    }

    /**
     * The ISN to send in a stateless SYN+ACK.
     *
     * @param nowNs the clock
     * @param localPort this side's rudp port
     * @param remote the peer's UDP address
     * @param remotePort the peer's rudp port
     * @param peerIsn the peer's ISN
     * @param peerMss the MSS of the peer's SYN
     * @return the cookie
     */
    public int cookie(final long nowNs, final int localPort, final InetSocketAddress remote, final int remotePort,
        final int peerIsn, final int peerMss)
    {
        final int slot = slot(nowNs);
        final int mssIndex = mssIndex(peerMss);
        return (slot << 27) | (mssIndex << 24) | mac(localPort, remote, remotePort, peerIsn, slot);
    }

    /**
     * Checks the cookie an ACK returns ({@code ack - 1}) against the peer's ISN ({@code seq - 1}).
     *
     * @return the MSS the cookie carries, or -1 if it is not a valid cookie of the current or previous slot
     *
     * @param nowNs the clock
     * @param localPort this side's rudp port
     * @param remote the peer's UDP address
     * @param remotePort the peer's rudp port
     * @param peerIsn the peer's ISN
     * @param cookie the cookie returned
     */
    public int validate(final long nowNs, final int localPort, final InetSocketAddress remote, final int remotePort,
        final int peerIsn, final int cookie)
    {
        final int slot = cookie >>> 27;
        final int current = slot(nowNs);
        if (slot != current && slot != ((current - 1) & 0x1F))
        {
            return -1;
        }
        if ((cookie & MAC_MASK) != mac(localPort, remote, remotePort, peerIsn, slot))
        {
            return -1;
        }
        return MSS_TABLE[(cookie >>> 24) & 0x7];
    }

    private static int slot(final long nowNs)
    {
        return (int)Math.floorDiv(nowNs, SLOT_NS) & 0x1F; // floorDiv: a clock may read negative values
    }

    private static int mssIndex(final int peerMss)
    {
        int index = 0;
        for (int i = 0; i < MSS_TABLE.length; i++)
        {
            if (MSS_TABLE[i] <= peerMss)
            {
                index = i;
            }
        }
        return index;
    }

    private int mac(final int localPort, final InetSocketAddress remote, final int remotePort, final int peerIsn,
        final int slot)
    {
        hash.reset(key0, key1).updateShort(localPort).updateShort(remotePort).updateShort(remote.getPort())
            .updateShort(peerIsn >>> 16).updateShort(peerIsn).update((byte)slot);
        if (remote.getAddress() != null)
        {
            hash.update(remote.getAddress().getAddress());
        }
        return (int)hash.finish() & MAC_MASK;
    }
}
