package io.rudp.core.stats;

/** Per-connection traffic counters, updated by the engine's thread and read through snapshots. */
public final class ConnectionCounters
{
    /** Segments sent, of every kind. */
    public long segmentsSent;
    /** Segments received that passed the codec. */
    public long segmentsReceived;
    /** Data bytes sent, retransmissions included. */
    public long bytesSent;
    /** Data bytes received in order. */
    public long bytesReceived;
    /** Data bytes the application has read. */
    public long bytesRead;
    /** Data bytes the peer has cumulatively acknowledged: what goodput is measured by. */
    public long bytesAcked;
    /** Data segments sent again, for any reason. */
    public long retransmittedSegments;
    /** Data bytes sent again. */
    public long retransmittedBytes;
    /** Retransmission timer expiries. */
    public long timeouts;
    /** Recovery episodes started by loss detection (RACK, or 3 duplicate ACKs without SACK). */
    public long fastRetransmits;
    /** Tail-loss probes sent (RFC 8985 §7). */
    public long tailLossProbes;
    /** Retransmissions shown needless by a D-SACK (RFC 2883): the original had arrived. */
    public long spuriousRetransmissions;
    /** Congestion responses undone because timestamps or D-SACKs showed the loss was not one. */
    public long spuriousRecoveries;
    /** Duplicate ACKs received (RFC 5681 §2). */
    public long duplicateAcks;
    /** Challenge ACKs sent (RFC 5961), rate limit allowing. */
    public long challengeAcks;
    /** Zero-window probes sent (persist timer). */
    public long zeroWindowProbes;
    /** Keepalive probes sent. */
    public long keepAliveProbes;
    /** SYN+ACK (re)transmissions withheld because the peer's address was unvalidated (anti-amplification). */
    public long synAcksWithheld;
    /** Path MTU probes sent (RFC 8899): data segments larger than the current segment size. */
    public long mtuProbesSent;
    /** Path MTU probes lost (not counted as congestion). */
    public long mtuProbesLost;
    /** Times full-size segments kept timing out and the segment size fell back to the base (a PMTU black hole). */
    public long mtuBlackHoles;
    /** Path challenges sent to a new address of the peer (NAT rebinding). */
    public long pathChallenges;
    /** Times the connection moved to a new peer address that answered a challenge. */
    public long pathMigrations;
    /** Out-of-order bytes dropped to relieve memory pressure (the peer resends them). */
    public long outOfOrderBytesPruned;
    /** Segments this connection dropped, by reason. */
    public final DropCounters drops = new DropCounters();

    /** All counters at zero. */
    public ConnectionCounters()
    {
        // nothing to set up
    }
}
