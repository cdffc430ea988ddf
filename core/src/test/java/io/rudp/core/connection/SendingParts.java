package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.buffer.SendBuffer;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.recovery.LossRecovery;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerTable;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A connection's sending parts, wired as a connection wires them, for testing them without one:
 * established (SACK and timestamps agreed, SYN acknowledged), path MTU discovery off, 1500-byte path.
 */
final class SendingParts
{
    static final long MS = 1_000_000L;
    static final int ISS = 1;

    final RudpConfig config = RudpConfig.builder().pathMtuDiscovery(false).build();
    final NegotiatedOptions options = new NegotiatedOptions(config, ISS);
    final SendSpace snd = new SendSpace(ISS, new SendBuffer(1 << 20), true);
    final ReceiveSide rcv = new ReceiveSide(1 << 20, MemoryBudget.unlimited().open());
    final TimerTable timers = new TimerTable();
    final ConnectionCounters counters = new ConnectionCounters();
    final LossRecovery recovery;
    final Liveness liveness = new Liveness(config);
    final NetworkPath path;
    final DataSender sender;
    final AckReceiver ackReceiver;
    final ByteBuffer datagram = ByteBuffer.allocate(65_536);

    SendingParts()
    {
        options.negotiate(-1, true, true, 0);
        rcv.init(100, 0, 0);
        path = new NetworkPath(config, options, 1500);
        recovery = new LossRecovery(path, counters);
        path.startWithPeerMss(1460);
        recovery.init(ISS);
        recovery.configure(true, path.mssDataBytes());
        snd.onSynSent();
        snd.onSynAcked(ISS + 1);
        final AckPolicy acks = new AckPolicy(40 * MS, 10);
        acks.init(101);
        final SegmentWriter writer = new SegmentWriter(1, 2, new Segment(), new SegmentCodec(), options, acks, snd, rcv,
            path, timers, counters);
        sender = new DataSender(snd, path, recovery, options, liveness, writer, timers, counters);
        ackReceiver = new AckReceiver(snd, path, recovery, options, liveness, sender, timers, counters);
    }

    /** The segment of {@code length} bytes last written to {@link #datagram}, as the peer decodes it. */
    Segment decode(final int length)
    {
        final Segment seg = new Segment();
        assertNull(new SegmentCodec().decode(ByteBuffer.wrap(datagram.array(), 0, length), seg));
        return seg;
    }

    /** The peer's window opens to {@code bytes} and {@code queued} bytes wait to be sent. */
    SendingParts window(final long bytes, final int queued)
    {
        snd.initWindow(100, ISS + 1, bytes);
        snd.append(ByteBuffer.wrap(new byte[queued]));
        return this;
    }

    /** Sends at {@code nowNs} whatever the windows and the pacer allow; {@return the segments sent} */
    int sendAll(final long nowNs)
    {
        int segments = 0;
        while (sender.sendPaced(nowNs, datagram, 0, ConnectionState.ESTABLISHED) > 0)
        {
            segments++;
        }
        return segments;
    }
}
