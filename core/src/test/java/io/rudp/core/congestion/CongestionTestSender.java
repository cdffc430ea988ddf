package io.rudp.core.congestion;

/**
 * A tiny idealised sender for controller unit tests: every round trip it sends a window's worth of
 * full segments, and each comes back acknowledged one RTT later as its own ACK. No loss unless a
 * test calls the controller's loss callbacks itself.
 */
final class CongestionTestSender
{
    static final int MSS = 1000;

    final CongestionControl cc;
    final AckSample ack = new AckSample();
    long nowNs;
    long rttNs = 100_000_000L;
    long deliveredBytes;
    /** Recovery state stamped on every ACK (as LossRecovery would). */
    boolean inRecovery;
    boolean inTimeoutRecovery;

    CongestionTestSender(final CongestionControl cc)
    {
        this.cc = cc;
    }

    /** One round trip: the current window goes out and every segment of it is acknowledged. */
    void round()
    {
        final long window = cc.cwndBytes();
        final long segments = Math.max(1, window / MSS);
        final long roundStartDelivered = deliveredBytes;
        for (long i = 0; i < segments; i++)
        {
            nowNs += rttNs / segments;
            ack.reset(nowNs);
            ack.ackedBytes = MSS;
            ack.deliveredBytes = MSS;
            ack.inRecovery = inRecovery;
            ack.inTimeoutRecovery = inTimeoutRecovery;
            ack.rttNs = rttNs;
            ack.srttNs = rttNs;
            ack.minRttNs = rttNs;
            // A bulk sender keeps its window full: each ACK is answered by new segments at once.
            ack.priorInFlightBytes = cc.cwndBytes();
            ack.inFlightBytes = cc.cwndBytes() - MSS;
            ack.priorDeliveredBytes = roundStartDelivered; // every segment of the round was sent before it
            deliveredBytes += MSS;
            ack.totalDeliveredBytes = deliveredBytes;
            ack.deliveryRateBytesPerSecond = (long)(window * 1e9 / rttNs);
            cc.onAck(ack);
        }
    }

    long cwndSegments()
    {
        return cc.cwndBytes() / MSS;
    }
}
