package io.rudp.core.stats;

/** Per-connection traffic counters, updated by the engine's thread and read through snapshots. */
public final class ConnectionCounters
{
    public long segmentsSent;
    public long segmentsReceived;
    public long bytesSent;
    public long bytesReceived;
    /** Data bytes the peer has cumulatively acknowledged: what goodput is measured by. */
    public long bytesAcked;
    /** Data segments sent again, for any reason. */
    public long retransmittedSegments;
    public long retransmittedBytes;
    /** Retransmission timer expiries. */
    public long timeouts;
    /** Losses repaired by fast retransmit (3 duplicate ACKs). */
    public long fastRetransmits;
    public long duplicateAcks;
    public long challengeAcks;
    public long zeroWindowProbes;
    public long keepAliveProbes;
    public final DropCounters drops = new DropCounters();
}
