package io.rudp.core.recovery;

import io.rudp.core.codec.Segment;
import io.rudp.core.congestion.AckSample;

/**
 * How losses are found between retransmission timeouts: RACK-TLP when the peer SACKs
 * ({@link RackTlpDetector}), NewReno's duplicate ACKs when it does not ({@link NewRenoDetector}).
 * {@link LossRecovery} keeps the scoreboard and the episodes and asks the detector in force.
 */
interface LossDetector
{
    /**
     * The detector's part of an acceptable ACK, after the scoreboard took its SACK blocks and
     * cumulative acknowledgment; it may start a recovery episode.
     *
     * @param advanced whether SND.UNA moved
     * @param duplicate whether it is a duplicate ACK by RFC 5681 §2
     * @param dsack whether its first SACK block reported a duplicate
     * @param sample the ACK's sample, its delivered bytes filled in; the detector sets lost bytes
     */
    void onAck(long nowNs, Segment seg, int sndUna, int sndMax, boolean advanced, boolean duplicate, boolean dsack,
        AckSample sample);

    /** The retransmission timer fired: what the detector was waiting on is moot. */
    void onRetransmissionTimeout();

    /** The recovery episode ended (or was undone). */
    void onEpisodeEnd();

    /** {@return the detector's state in a few words, for debugging} */
    String describe();
}
