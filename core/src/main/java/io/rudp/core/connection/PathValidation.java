package io.rudp.core.connection;

import io.rudp.core.isn.SipHash;

import java.net.InetSocketAddress;

/**
 * Validation of a peer's new UDP address before a connection moves to it (NAT rebinding): the
 * address must show that it receives this connection's segments, which a spoofer — off the path,
 * or on it but unable to receive at the address it claims — cannot.
 *
 * <p>The challenge is a keepalive-shaped ACK (SEQ below the peer's window, no data) sent to the new
 * address, its TSval a token: a keyed hash of the address and a 4-second time bucket, placed past
 * the TCP timestamp clock (so it passes the peer's PAWS check and measures no RTT). A segment below
 * the window is answered at once, and a rudp peer echoes that segment's TSval in the answer (see
 * {@code Connection}). An answer from the new address echoing its token validates it.
 *
 * <p>Tokens are computed, not stored: a spoofer sending from many addresses cannot crowd out the
 * real one, and the answer is checked against the token of the bucket it was issued in or the one
 * before (so paths with round trips up to 4 s validate). The old address keeps the connection until
 * then; segments from the new one are dropped meanwhile (the peer resends them), and nothing but
 * challenges goes there: one per plausible segment received from it at most, each smaller than
 * {@link #AMPLIFICATION_FACTOR} times that segment (RFC 9000 §8's anti-amplification limit). There
 * is no rate limit per connection beyond that: a spoofer replaying segments at its own pace would
 * take every challenge a limit allowed, and the real address, whose segments slow to retransmission
 * timeouts while its ACKs go to the dead mapping, would never get one.
 *
 * <p>A peer whose stack does not echo (plain TCP behind a gateway) never validates: its connection
 * stays on the old address, as before. Needs timestamps (negotiated by default).
 */
final class PathValidation
{
    /** Anti-amplification: a challenge is at most this many times the segment that prompted it. */
    static final int AMPLIFICATION_FACTOR = 3;
    /** A challenge's size at most: a header with 40 bytes of options. */
    static final int CHALLENGE_MAX_BYTES = 60;
    /** Tokens change every 2^12 ms (4.1 s). */
    static final int BUCKET_SHIFT = 12;

    private final long key0;
    private final long key1;
    private final SipHash hash = new SipHash(0, 0);
    private InetSocketAddress dueTo;
    private int dueToken;
    private boolean due;
    /** The address last challenged, and when: it is not challenged again until its answer is overdue. */
    private InetSocketAddress lastTo;
    private long lastNs;

    PathValidation(final long key0, final long key1)
    {
        this.key0 = key0;
        this.key1 = key1;
    }

    /** Where the challenge that is due goes. */
    InetSocketAddress dueTo()
    {
        return dueTo;
    }

    /** Whether a challenge is waiting to be sent (to {@link #dueTo()}). */
    boolean due()
    {
        return due;
    }

    /** The TSval of the challenge that is due. */
    int dueToken()
    {
        return dueToken;
    }

    /** Whether a segment from {@code from} echoing {@code tsEcr} answers a challenge sent there. */
    boolean answers(final InetSocketAddress from, final boolean hasTimestamps, final int tsEcr, final int tsNowMs)
    {
        if (!hasTimestamps)
        {
            return false;
        }
        final int bucket = tsNowMs >> BUCKET_SHIFT;
        return tsEcr == token(from, bucket) || tsEcr == token(from, bucket - 1);
    }

    /**
     * A plausible segment of this connection came from {@code from}, which is not its address: a
     * challenge goes there next, unless one is already waiting, the amplification limit says no,
     * or that address was challenged less than {@code answerDueNs} ago (its answer may be on the
     * way; a spoofer interleaving other addresses only makes it challenged again sooner).
     *
     * @param tsNowMs the connection's timestamp clock now
     */
    void onSegmentFrom(final long nowNs, final InetSocketAddress from, final int datagramBytes, final int tsNowMs,
        final long answerDueNs)
    {
        if (due || CHALLENGE_MAX_BYTES > AMPLIFICATION_FACTOR * datagramBytes
            || (from.equals(lastTo) && nowNs - lastNs < answerDueNs))
        {
            return;
        }
        dueTo = from;
        dueToken = token(from, tsNowMs >> BUCKET_SHIFT);
        due = true;
    }

    /** The challenge went out. */
    void onChallengeSent(final long nowNs)
    {
        due = false;
        lastTo = dueTo;
        lastNs = nowNs;
    }

    /** The connection moved: a challenge still waiting is moot. */
    void clear()
    {
        due = false;
        dueTo = null;
    }

    /** Past every TSval of the bucket (PAWS-safe), plus 16 keyed bits a spoofer must guess. */
    private int token(final InetSocketAddress address, final int bucket)
    {
        hash.reset(key0, key1).updateLong(bucket).updateShort(address.getPort());
        final byte[] ip = address.getAddress().getAddress();
        hash.update(ip);
        final int secret = (int)(hash.finish() & 0xFFFF);
        return ((bucket + 1) << BUCKET_SHIFT) + 1 + secret;
    }
}
