package io.rudp.benchmarks;

import io.rudp.core.connection.EndpointDriver;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The receiver's path per data segment: {@code onDatagram} (decode, CRC32C check, acceptability,
 * reassembly into the receive buffer), the ACK it sends (every second segment, or at once for one
 * out of order; with SACK blocks while a hole is open), and the application's {@code read}. The
 * forged sender's encoding of each segment is included (about one {@code CodecBenchmark.encode}).
 *
 * <p>{@code inOrder}: every segment in order. {@code outOfOrder}: every 20th segment is held back
 * and arrives after the next one, so that one lands out of order and the held one fills the hole.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ReceiverPathBenchmark
{
    @Param({"inOrder", "outOfOrder"})
    public String arrival;

    private ForgedPeer peer;
    private final ByteBuffer held = ByteBuffer.allocateDirect(1500);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private EndpointDriver acks;
    private int payloadBytes;
    private long segments;
    private boolean holding;

    @Setup
    public void setUp()
    {
        ForgedPeer.buildAfterClassLoading(this::build, this::receiveSegment);
    }

    private void build()
    {
        segments = 0;
        holding = false;
        peer = new ForgedPeer(ForgedPeer.config("bbr"));
        final ForgedPeer forged = peer;
        acks = new EndpointDriver(forged.endpoint, () -> forged.nowNs, (datagram, to) -> true,
            ByteBuffer.allocateDirect(forged.endpoint.config().maxDatagramBytes()));
        payloadBytes = peer.connection.mssDataBytes();
    }

    @Benchmark
    public long receiveSegment()
    {
        peer.nowNs += 10_000;
        segments++;
        if (holding)
        {
            deliver(peer.encodeData(peer.wireOut, peer.peerSeq, payloadBytes));
            peer.peerSeq += payloadBytes;
            deliver(held);
            holding = false;
        }
        else if ("outOfOrder".equals(arrival) && segments % 20 == 0)
        {
            peer.encodeData(held, peer.peerSeq, payloadBytes);
            peer.peerSeq += payloadBytes;
            holding = true;
        }
        else
        {
            deliver(peer.encodeData(peer.wireOut, peer.peerSeq, payloadBytes));
            peer.peerSeq += payloadBytes;
        }
        while (peer.connection.read(readBuffer.clear()) > 0)
        {
            // the application consumes everything
        }
        if (peer.endpoint.nextTimeoutNs() <= peer.nowNs)
        {
            peer.endpoint.onTimeout(peer.nowNs);
        }
        acks.transmit(); // ACKs go nowhere: the forged sender does not need them
        peer.drainEvents();
        return segments;
    }

    private void deliver(final ByteBuffer datagram)
    {
        peer.endpoint.onDatagram(peer.nowNs, datagram, peer.peerAddress);
    }
}
