package io.rudp.core.recovery;

import io.rudp.core.congestion.CongestionControl;

/**
 * What loss recovery reads of the path it recovers on, given once: its round-trip times and its
 * congestion controller (which a move to a new path replaces, so it is asked for each time).
 */
public interface RecoveryPath
{
    /** {@return the smoothed RTT, or -1 before the first sample} */
    long srttNs();

    /** {@return the smallest RTT seen, or -1 before the first sample} */
    long minRttNs();

    /** {@return the congestion controller in force} */
    CongestionControl congestion();
}
