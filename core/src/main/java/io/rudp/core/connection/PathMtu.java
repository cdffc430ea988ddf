package io.rudp.core.connection;

/**
 * Datagram Packetization Layer Path MTU Discovery (RFC 8899) for one connection: the largest
 * datagram this connection may send (the PLPMTU), and the search for a larger one.
 *
 * <p>Sizes here are whole rudp datagrams: the TCP header, its options and the data, not the IP and
 * UDP headers. The search starts from a base every path is assumed to carry (1200 bytes, the
 * smallest IPv6 MTU less its headers, RFC 8899 §5.1.2's BASE_PLPMTU for UDP), and probes upward to
 * a ceiling: the MTU of the local interface toward the peer (65,507 bytes on loopback), the peer's
 * MSS, and {@code maxDatagramBytes}. The first probe of a search tries the ceiling itself, so a
 * path that carries what its interface does is found in one round trip; after that the search is a
 * binary one, and ends when the bracket is narrower than {@link #SEARCH_DONE_BYTES}.
 *
 * <p>A probe is an ordinary data segment of the probed size (see {@code Connection}): a capture
 * shows valid TCP, and a probe that is lost is resent as ordinary segments. A size is taken as too
 * big after {@link #MAX_PROBES} probes of it are lost (RFC 8899 §5.1.2: a single loss on a lossy
 * path says nothing about the size). A completed search starts again after {@link #RAISE_INTERVAL_NS}
 * (RFC 8899's PMTU_RAISE_TIMER), in case the path now carries more.
 *
 * <p>Black holes: a path whose MTU drops under the PLPMTU loses every full-size segment silently.
 * The connection reports consecutive retransmission timeouts ({@link #onBlackHoleSuspected}), and
 * the PLPMTU falls back to the base, from which the search starts again below the size that failed.
 * {@link #onDatagramTooBig} is the local interface refusing a datagram (EMSGSIZE).
 *
 * <p>Pure state, no clock of its own: every call that needs the time is given it.
 */
final class PathMtu
{
    /** RFC 8899 §5.1.2 MAX_PROBES: lost probes of one size before that size is taken as too big. */
    static final int MAX_PROBES = 3;
    /** The search stops when the largest size not yet refused is within this of the PLPMTU (Linux's tcp_probe_threshold). */
    static final int SEARCH_DONE_BYTES = 8;
    /** RFC 8899 §5.1.1 PMTU_RAISE_TIMER: how long a completed search rests before probing again. */
    static final long RAISE_INTERVAL_NS = 600_000_000_000L;

    private final boolean enabled;
    private final int baseBytes;
    private int ceilingBytes;
    private int currentBytes;
    /** The largest size not yet shown to be too big in this search. */
    private int searchHighBytes;
    private boolean searching;
    /** Whether this search has probed anything yet (its first probe goes to the ceiling). */
    private boolean probedThisSearch;
    private int probeBytes;
    private boolean probeInFlight;
    private int lostProbes;
    private long raiseAtNs;
    private boolean raiseScheduled;

    /**
     * @param enabled      whether to search at all; without it the PLPMTU is the ceiling from the start
     * @param baseBytes    the size every path is assumed to carry
     * @param ceilingBytes the largest size worth trying (the interface toward the peer, the configuration)
     */
    PathMtu(final boolean enabled, final int baseBytes, final int ceilingBytes)
    {
        this.enabled = enabled;
        this.baseBytes = Math.min(baseBytes, ceilingBytes);
        this.ceilingBytes = ceilingBytes;
        this.currentBytes = enabled ? this.baseBytes : ceilingBytes;
        startSearch();
    }

    /** The PLPMTU: the largest datagram to send now. */
    int currentBytes()
    {
        return currentBytes;
    }

    int baseBytes()
    {
        return baseBytes;
    }

    int ceilingBytes()
    {
        return ceilingBytes;
    }

    boolean searching()
    {
        return searching;
    }

    /**
     * Lowers the ceiling (the peer's MSS, learnt in the handshake, bounds what it accepts).
     *
     * @return whether the PLPMTU fell with it
     */
    boolean limitCeiling(final int bytes)
    {
        if (bytes >= ceilingBytes)
        {
            return false;
        }
        ceilingBytes = bytes;
        searchHighBytes = Math.min(searchHighBytes, ceilingBytes);
        if (searchHighBytes - currentBytes < SEARCH_DONE_BYTES)
        {
            searching = false;
        }
        if (currentBytes > ceilingBytes)
        {
            currentBytes = ceilingBytes;
            return true;
        }
        return false;
    }

    private void startSearch()
    {
        searchHighBytes = ceilingBytes;
        searching = enabled && ceilingBytes - currentBytes >= SEARCH_DONE_BYTES;
        probedThisSearch = false;
        probeInFlight = false;
        lostProbes = 0;
    }

    private void endSearch(final long nowNs)
    {
        searching = false;
        probeInFlight = false;
        raiseAtNs = nowNs + RAISE_INTERVAL_NS;
        raiseScheduled = true;
    }

    /** The size to probe now, or 0 for none (no search, or a probe already out). */
    int probeSizeBytes(final long nowNs)
    {
        if (!enabled || probeInFlight)
        {
            return 0;
        }
        if (!searching)
        {
            if (!raiseScheduled || nowNs - raiseAtNs < 0 || ceilingBytes - currentBytes < SEARCH_DONE_BYTES)
            {
                return 0;
            }
            startSearch();
        }
        if (lostProbes > 0)
        {
            return probeBytes; // the same size again, until MAX_PROBES are lost
        }
        return probedThisSearch ? (currentBytes + searchHighBytes + 1) >>> 1 : searchHighBytes;
    }

    /** A probe of {@code bytes} went out. */
    void onProbeSent(final int bytes)
    {
        probeBytes = bytes;
        probeInFlight = true;
        probedThisSearch = true;
    }

    /**
     * The probe was acknowledged: the path carries its size.
     *
     * @return whether the PLPMTU grew
     */
    boolean onProbeAcked(final long nowNs)
    {
        if (!probeInFlight)
        {
            return false;
        }
        probeInFlight = false;
        lostProbes = 0;
        final boolean grew = probeBytes > currentBytes;
        currentBytes = Math.max(currentBytes, probeBytes);
        if (searchHighBytes - currentBytes < SEARCH_DONE_BYTES)
        {
            endSearch(nowNs);
        }
        return grew;
    }

    /** The probe was lost (not a sign of congestion: the caller does not reduce its window). */
    void onProbeLost(final long nowNs)
    {
        if (!probeInFlight)
        {
            return;
        }
        probeInFlight = false;
        if (++lostProbes < MAX_PROBES)
        {
            return;
        }
        lostProbes = 0;
        searchHighBytes = probeBytes - 1;
        if (searchHighBytes - currentBytes < SEARCH_DONE_BYTES)
        {
            endSearch(nowNs);
        }
    }

    /**
     * Full-size segments keep timing out: the path may have stopped carrying the PLPMTU (a black
     * hole). Falls back to the base and searches again below the size that stopped working.
     *
     * @return whether the PLPMTU fell
     */
    boolean onBlackHoleSuspected(final long nowNs)
    {
        if (!enabled || currentBytes <= baseBytes)
        {
            return false;
        }
        final int failedBytes = currentBytes;
        currentBytes = baseBytes;
        searchHighBytes = failedBytes - 1;
        searching = searchHighBytes - currentBytes >= SEARCH_DONE_BYTES;
        probedThisSearch = true; // do not go straight back to the size that just failed
        probeInFlight = false;
        lostProbes = 0;
        if (!searching)
        {
            endSearch(nowNs);
        }
        return true;
    }

    /**
     * The local interface refused a datagram of {@code bytes} (EMSGSIZE): nothing that size or
     * larger can go, whatever the path beyond.
     *
     * @return whether the PLPMTU fell
     */
    boolean onDatagramTooBig(final long nowNs, final int bytes)
    {
        if (bytes > ceilingBytes)
        {
            return false;
        }
        ceilingBytes = bytes - 1;
        searchHighBytes = Math.min(searchHighBytes, ceilingBytes);
        if (probeInFlight && probeBytes >= bytes)
        {
            probeInFlight = false;
            lostProbes = 0;
        }
        final boolean fell = currentBytes > ceilingBytes;
        if (fell)
        {
            // Back to the base, and search again below the new ceiling (tried first, as ever).
            currentBytes = Math.min(baseBytes, ceilingBytes);
            startSearch();
        }
        if (searchHighBytes - currentBytes < SEARCH_DONE_BYTES)
        {
            endSearch(nowNs);
        }
        return fell;
    }

    @Override
    public String toString()
    {
        return "plpmtu=" + currentBytes + " base=" + baseBytes + " ceiling=" + ceilingBytes
            + (searching ? " searching<=" + searchHighBytes : "") + (probeInFlight ? " probe=" + probeBytes : "");
    }
}
