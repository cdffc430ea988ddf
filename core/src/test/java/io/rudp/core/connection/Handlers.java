package io.rudp.core.connection;

import io.rudp.core.buffer.MemoryBudget;
import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A connection's handlers wired as {@link Connection} wires them, over a host that records what
 * they ask of it, for testing each handler without an endpoint. The owner is null: these tests
 * look at what happens, not at which connection it happens to.
 */
final class Handlers
{
    static final long MS = 1_000_000L;
    static final int ISS = 1_000;
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 4000);

    final RecordingHost host = new RecordingHost();
    final ConnectionParts parts;
    final PeerAddress peer;
    final Lifecycle lifecycle;
    final Transmitter transmitter;
    final Timeouts timeouts;
    final Handshake handshake;
    final SegmentArrival arrival;
    final ByteBuffer datagram = ByteBuffer.allocate(65_536);

    Handlers(final RudpConfig config, final boolean passive)
    {
        parts = new ConnectionParts(host, config, 1500, 1, 2, ISS);
        peer = new PeerAddress(host, parts, PEER, 1, 2, ISS);
        lifecycle = new Lifecycle(null, host, parts, peer, passive);
        transmitter = new Transmitter(parts, lifecycle, peer, passive);
        final ObserverReport report = new ObserverReport(null, host, parts);
        timeouts = new Timeouts(parts, lifecycle, transmitter, report, passive);
        handshake = new Handshake(parts, lifecycle, transmitter, timeouts);
        arrival = new SegmentArrival(host, parts, lifecycle, peer, handshake, transmitter, timeouts, report, passive);
    }

    /** An active open whose SYN was answered at {@code nowNs}: ESTABLISHED, timestamps agreed, nothing sent yet. */
    static Handlers established(final RudpConfig config, final long nowNs)
    {
        final Handlers h = new Handlers(config, false);
        h.handshake.openActive();
        h.transmit(nowNs);
        final Segment synAck = new Segment();
        synAck.srcPort = 2;
        synAck.dstPort = 1;
        synAck.seq = 5_000;
        synAck.ack = ISS + 1;
        synAck.flags = TcpFlags.SYN | TcpFlags.ACK;
        synAck.window = 65_535;
        synAck.mss = 1460;
        synAck.hasTimestamps = true;
        synAck.tsVal = 7;
        synAck.tsEcr = h.parts.options.tsNowMs(nowNs);
        h.arrival.onSegment(nowNs, synAck);
        return h;
    }

    /** Transmits one segment at {@code nowNs}; {@return it, decoded, or null if nothing was sent} */
    Segment transmit(final long nowNs)
    {
        final int length = transmitter.transmit(nowNs, datagram, 0);
        if (length == 0)
        {
            return null;
        }
        final Segment seg = new Segment();
        assertNull(new SegmentCodec().decode(ByteBuffer.wrap(datagram.array(), 0, length), seg));
        return seg;
    }

    /** What the handlers asked of their endpoint. */
    static final class RecordingHost implements ConnectionHost
    {
        final List<EventType> events = new ArrayList<>();
        final List<DropReason> drops = new ArrayList<>();
        final List<String> resets = new ArrayList<>();
        int released;
        int halfOpenEnded;
        private final Segment txSegment = new Segment();
        private final SegmentCodec codec = new SegmentCodec();
        private final MemoryBudget budget = MemoryBudget.unlimited();

        @Override
        public void changed(final Connection connection)
        {
        }

        @Override
        public void queueEvent(final Event event)
        {
            events.add(event.type());
        }

        @Override
        public void released(final Connection connection)
        {
            released++;
        }

        @Override
        public void halfOpenEnded(final Connection connection)
        {
            halfOpenEnded++;
        }

        @Override
        public void sendReset(final InetSocketAddress remote, final int localPort, final int remotePort, final int seq,
            final int ack, final int flags)
        {
            resets.add(remote + " " + localPort + "->" + remotePort + " seq=" + seq + " ack=" + ack + " flags=" + flags);
        }

        @Override
        public void dropped(final DropReason reason)
        {
            drops.add(reason);
        }

        @Override
        public SegmentCodec codec()
        {
            return codec;
        }

        @Override
        public MemoryBudget memoryBudget()
        {
            return budget;
        }

        @Override
        public Segment txSegment()
        {
            return txSegment;
        }

        @Override
        public ConnectionObserver observer()
        {
            return ConnectionObserver.NONE;
        }

        @Override
        public int pathCeilingBytes(final InetSocketAddress remote)
        {
            return 1500;
        }
    }
}
