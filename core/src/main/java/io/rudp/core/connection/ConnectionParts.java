package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.buffer.SendBuffer;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.recovery.LossRecovery;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerTable;

/**
 * The state one connection drives, built and wired once: the parts that know nothing of the
 * connection or its endpoint (as quinn-proto groups a connection's state into sub-structures).
 * {@link Connection} and its handlers ({@link SegmentArrival}, {@link Timeouts}, {@link Transmitter})
 * share one instance; the fields are final, so what a handler may change is what the parts allow.
 */
final class ConnectionParts
{
    final RudpConfig config;
    /** What this connection's buffers hold of the endpoint's memory budget. */
    final MemoryBudget.Account memory;
    /** SND.*, the send buffer, FIN, Nagle and SWS. */
    final SendSpace snd;
    /** RCV.*, reassembly, the window, SACK reporting, the peer's FIN. */
    final ReceiveSide rcv;
    final NegotiatedOptions options;
    final AckPolicy acks;
    /** RTT, congestion control, pacing, path MTU and segment size. */
    final NetworkPath path;
    /** SACK-based loss recovery (RFC 6675, RACK-TLP) when negotiated, else NewReno (RFC 5681 / RFC 6582). */
    final LossRecovery recovery;
    final Liveness liveness;
    final SegmentWriter writer;
    final DataSender sender;
    final AckReceiver ackReceiver;
    final TimerTable timers = new TimerTable();
    final ConnectionCounters counters = new ConnectionCounters();

    ConnectionParts(final ConnectionHost host, final RudpConfig config, final int pathCeilingBytes,
        final int localPort, final int remotePort, final int iss)
    {
        this.config = config;
        this.memory = host.memoryBudget().open();
        this.snd = new SendSpace(iss, new SendBuffer(config.sendBufferBytes(), memory), config.noDelay());
        this.rcv = new ReceiveSide(config.receiveBufferBytes(), memory);
        this.options = new NegotiatedOptions(config, iss);
        this.acks = new AckPolicy(config.delayedAckNs(), config.challengeAcksPerSecond());
        this.liveness = new Liveness(config);
        this.path = new NetworkPath(config, options, pathCeilingBytes);
        this.recovery = new LossRecovery(path, counters);
        this.writer = new SegmentWriter(localPort, remotePort, host.txSegment(), host.codec(), options, acks, snd, rcv,
            path, timers, counters);
        this.sender = new DataSender(snd, path, recovery, options, liveness, writer, timers, counters);
        this.ackReceiver = new AckReceiver(snd, path, recovery, options, liveness, sender, timers, counters);
        recovery.init(iss);
    }

    /**
     * Under memory pressure, a connection holding more than its fair share drops its out-of-order
     * data first: never acknowledged, it can be resent, where in-order data cannot be taken back.
     */
    void pruneIfOverShare()
    {
        final MemoryBudget budget = memory.budget();
        if (budget.underPressure() && rcv.buffer().hasOutOfOrder() && memory.heldBytes() > budget.fairShareBytes())
        {
            counters.outOfOrderBytesPruned += rcv.pruneOutOfOrder();
        }
    }
}
