package io.rudp.benchmarks;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.Endpoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * One real {@link Endpoint} and a hand-driven peer that writes segments straight with the codec, so
 * a benchmark can exercise one side's path alone: the peer costs an encode where it sends, and
 * nothing where it receives (it reads only the header fields it needs).
 *
 * <p>The engine is configured without pacing, so what is measured is the per-segment work, not
 * the pacing timer; and with a 16 MiB window both ways, so the window never stalls a benchmark.
 */
final class ForgedPeer
{
    static final int PEER_PORT = 443;
    static final int PEER_ISN = 1_000_000;
    static final int MSS = 1452;
    /**
     * Operations a benchmark runs on a first fixture, before it builds the one it measures. The
     * first run of an operation loads the engine's classes, and class loading allocates between
     * the objects a connection is made of: built first, a connection's parts lie kilobytes apart,
     * about a page each, and the benchmark (which never collects garbage) would measure that layout
     * to the end, paying a page and a cache line per part. Built again afterwards they lie
     * together, as in any process that has run a while (or collected garbage once).
     */
    static final int CLASS_LOADING_OPERATIONS = 2_000;

    /**
     * Builds a benchmark's fixture, runs its operation {@link #CLASS_LOADING_OPERATIONS} times, and
     * builds it again: the second fixture is the one measured.
     */
    static void buildAfterClassLoading(final Runnable build, final Runnable operation)
    {
        build.run();
        for (int i = 0; i < CLASS_LOADING_OPERATIONS; i++)
        {
            operation.run();
        }
        build.run();
    }

    final Endpoint endpoint;
    final InetSocketAddress peerAddress;
    final InetSocketAddress endpointAddress;
    final Connection connection;
    final SegmentCodec codec = new SegmentCodec();
    final Segment out = new Segment();
    final Segment in = new Segment();
    final ByteBuffer wireIn = ByteBuffer.allocateDirect(1500);
    final ByteBuffer wireOut = ByteBuffer.allocateDirect(1500);
    long nowNs = 1_000_000_000L;
    /** The peer's next sequence number (it sends data only in the receiver benchmarks). */
    int peerSeq = PEER_ISN + 1;
    /** What the peer has received of the endpoint's stream: its RCV.NXT. */
    int peerRcvNxt;
    int lastTsVal;

    static RudpConfig config(final String congestionControl)
    {
        // Segments of an Ethernet path (1472-byte datagrams), fixed: the benchmarks measure per-segment cost.
        return RudpConfig.builder().isnSecret(1, 2).pacing(false).congestionControl(congestionControl)
            .maxDatagramBytes(1472).pathMtuDiscovery(false)
            .sendBufferBytes(32 << 20).receiveBufferBytes(32 << 20).build();
    }

    /** {@return 127.0.0.{@code lastByte}:{@code port}, without a name lookup} */
    static InetSocketAddress loopback(final int lastByte, final int port)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte)lastByte}), port);
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    ForgedPeer(final RudpConfig config)
    {
        peerAddress = loopback(2, 9000);
        endpointAddress = loopback(1, 9000);
        endpoint = new Endpoint(config);
        connection = endpoint.connect(nowNs, peerAddress, 0, PEER_PORT);
        final Segment syn = receive();
        peerRcvNxt = syn.seq + 1;
        nowNs += 1_000_000;
        send(TcpFlags.SYN | TcpFlags.ACK, PEER_ISN, peerRcvNxt, 0, true);
        receive(); // the handshake's ACK
        if (connection.state() != ConnectionState.ESTABLISHED)
        {
            throw new IllegalStateException("handshake failed: " + connection.describeState());
        }
        while (endpoint.pollEvent() != null)
        {
            // CONNECTED
        }
    }

    /** Takes the endpoint's next segment (decoded into {@link #in}), failing if there is none. */
    Segment receive()
    {
        final Segment seg = tryReceive();
        if (seg == null)
        {
            throw new IllegalStateException("the endpoint sent nothing: " + connection.describeState());
        }
        return seg;
    }

    /** The endpoint's next segment, or null. */
    Segment tryReceive()
    {
        if (endpoint.pollTransmit(nowNs, wireIn.clear()) == null)
        {
            return null;
        }
        wireIn.flip();
        if (codec.decode(wireIn, in) != null)
        {
            throw new IllegalStateException("the endpoint sent a malformed segment");
        }
        lastTsVal = in.tsVal;
        return in;
    }

    /** Encodes a segment from the peer and hands it to the endpoint. */
    void send(final int flags, final int seq, final int ack, final int payloadBytes, final boolean syn)
    {
        prepare(flags, seq, ack, syn);
        sendPrepared(payloadBytes);
    }

    private Segment prepare(final int flags, final int seq, final int ack, final boolean syn)
    {
        final Segment seg = out.clear();
        seg.srcPort = PEER_PORT;
        seg.dstPort = connection.localPort();
        seg.seq = seq;
        seg.ack = ack;
        seg.flags = flags;
        seg.window = syn ? 65535 : (16 << 20) >> 9; // 16 MiB at window scale 9
        seg.hasTimestamps = true;
        seg.tsVal = (int)(nowNs / 1_000_000);
        seg.tsEcr = lastTsVal;
        if (syn)
        {
            seg.mss = MSS;
            seg.windowScale = 9;
            seg.sackPermitted = true;
        }
        return seg;
    }

    /** An ACK from the peer carrying one SACK block {@code [left, right)}. */
    void sendSackAck(final int ack, final int left, final int right)
    {
        final Segment seg = prepare(TcpFlags.ACK, peerSeq, ack, false);
        seg.addSackBlock(left, right);
        sendPrepared(0);
    }

    /** Encodes a data segment from the peer into {@code dst} (its payload: whatever the buffer holds). */
    ByteBuffer encodeData(final ByteBuffer dst, final int seq, final int payloadBytes)
    {
        prepare(TcpFlags.ACK | TcpFlags.PSH, seq, peerRcvNxt, false);
        final int header = SegmentCodec.encodeHeader(out, dst.clear(), 0);
        dst.limit(header + payloadBytes);
        codec.seal(dst, 0, header + payloadBytes);
        return dst;
    }

    private void sendPrepared(final int payloadBytes)
    {
        final int header = SegmentCodec.encodeHeader(out, wireOut.clear(), 0);
        wireOut.limit(header + payloadBytes);
        codec.seal(wireOut, 0, header + payloadBytes);
        endpoint.onDatagram(nowNs, wireOut, peerAddress);
    }

    /** Drains events the benchmark does not care about (WRITABLE, READABLE). */
    void drainEvents()
    {
        while (endpoint.pollEvent() != null)
        {
            // nothing to do
        }
    }
}
