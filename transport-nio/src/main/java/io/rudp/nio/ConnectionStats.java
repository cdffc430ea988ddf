package io.rudp.nio;

import io.rudp.core.codec.DropReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.stats.ConnectionCounters;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one connection's state and counters, taken on the loop thread.
 *
 * @param srttNs           smoothed RTT, -1 before the first sample
 * @param rttvarNs         RTT variation
 * @param rtoNs            current retransmission timeout
 * @param cwndBytes        congestion window
 * @param bytesInFlight    sent and not yet acknowledged
 * @param bytesSent        data bytes sent, retransmissions included
 * @param bytesReceived    data bytes received in order
 * @param bytesAcked       data bytes the peer acknowledged (the goodput)
 * @param retransmits      data segments sent more than once
 * @param spuriousRetransmits retransmissions the peer reported as duplicates (D-SACK): needless
 * @param tailLossProbes   tail-loss probes sent (RFC 8985)
 * @param timeouts         retransmission timer expiries
 * @param segmentsSent     all segments sent
 * @param segmentsReceived all segments received
 * @param drops            segments this connection dropped, by reason (non-zero counts only)
 * @param congestionControl the controller's name: {@code newreno}, {@code cubic} or {@code bbr}
 * @param pacingRateBytesPerSecond the rate data is paced at (0 with pacing off)
 * @param peerWindowBytes  the window the peer offers: when it is below {@code cwndBytes}, the
 *                         receiver, not the path, limits the sender
 * @param pathMtuBytes     the largest datagram the connection sends now, as path MTU discovery found it
 * @param mtuProbesSent    path MTU probes sent
 * @param mtuProbesLost    path MTU probes lost (a size is refused after three)
 * @param mtuBlackHoles    times the segment size fell back to the base after full-size segments kept timing out
 * @param pathChallenges   challenges sent to a new address of the peer (NAT rebinding)
 * @param pathMigrations   times the connection moved to a new peer address that answered one
 */
public record ConnectionStats(long srttNs, long rttvarNs, long rtoNs, long cwndBytes, long bytesInFlight, long bytesSent,
    long bytesReceived, long bytesAcked, long retransmits, long spuriousRetransmits, long tailLossProbes, long timeouts,
    long segmentsSent, long segmentsReceived, Map<DropReason, Long> drops, String congestionControl,
    long pacingRateBytesPerSecond, long peerWindowBytes, int pathMtuBytes, long mtuProbesSent, long mtuProbesLost,
    long mtuBlackHoles, long pathChallenges, long pathMigrations)
{
    static ConnectionStats of(final Connection c)
    {
        final ConnectionCounters k = c.counters();
        final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (final DropReason r : DropReason.values())
        {
            if (k.drops.get(r) != 0)
            {
                drops.put(r, k.drops.get(r));
            }
        }
        return new ConnectionStats(c.srttNs(), c.rttvarNs(), c.rtoNs(), c.cwndBytes(), c.bytesInFlight(), k.bytesSent,
            k.bytesReceived, k.bytesAcked, k.retransmittedSegments, k.spuriousRetransmissions, k.tailLossProbes, k.timeouts,
            k.segmentsSent, k.segmentsReceived, Map.copyOf(drops), c.congestionControlName(),
            c.pacingRateBytesPerSecond(), c.sendWindowBytes(), c.pathMtuBytes(), k.mtuProbesSent, k.mtuProbesLost,
            k.mtuBlackHoles, k.pathChallenges, k.pathMigrations);
    }
}
