package io.rudp.benchmarks;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
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
 * The sender processing one ACK: decode, window update, freeing acknowledged data, the RTT
 * sample, RACK, the rate sample and the congestion controller, timers. To stay in a steady state
 * each operation also sends the one new segment the ACK makes room for, so the ACK's own cost is
 * this minus {@link SenderPathBenchmark} (which is one segment plus a quarter of an ACK).
 *
 * <p>{@code cumulative}: every ACK acknowledges one more segment. {@code sack}: one segment in 16
 * goes missing; until it is retransmitted the ACKs stay at the hole and carry a SACK block for
 * what arrived above it, then one ACK covers everything.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AckPathBenchmark
{
    private static final int WINDOW_SEGMENTS = 8;
    private static final int HOLE_EVERY = 16;

    @Param({"cumulative", "sack"})
    public String ackKind;

    private ForgedPeer peer;
    private ByteBuffer appData;
    private int segments;
    /** Cumulative ACK point, and (with a hole open) the SACKed island above it. */
    private int ack;
    private boolean holeOpen;
    private int holeEnd;
    private int islandEnd;

    @Setup
    public void setUp()
    {
        ForgedPeer.buildAfterClassLoading(this::build, this::ackOneSegment);
    }

    private void build()
    {
        segments = 0;
        holeOpen = false;
        holeEnd = 0;
        islandEnd = 0;
        peer = new ForgedPeer(ForgedPeer.config("bbr"));
        appData = ByteBuffer.allocate(peer.connection.mssDataBytes());
        for (int i = 0; i < WINDOW_SEGMENTS; i++)
        {
            peer.connection.write(appData.clear());
            final Segment seg = peer.receive();
            if (i == 0)
            {
                ack = seg.seq;
            }
        }
    }

    @Benchmark
    public int ackOneSegment()
    {
        peer.nowNs += 10_000;
        peer.connection.write(appData.clear());
        final Segment seg = peer.tryReceive();
        if (seg != null)
        {
            onArrival(seg.seq, seg.seq + seg.payloadLength());
        }
        if (holeOpen && islandEnd != holeEnd)
        {
            peer.sendSackAck(ack, holeEnd, islandEnd);
        }
        else
        {
            peer.send(TcpFlags.ACK, peer.peerSeq, ack, 0, false);
        }
        peer.drainEvents();
        return ack;
    }

    /** The forged receiver's view: segments arrive in order except one in 16 in "sack" mode. */
    private void onArrival(final int start, final int end)
    {
        segments++;
        if (holeOpen)
        {
            if (start == ack)
            {
                ack = islandEnd; // the retransmission filled the hole
                holeOpen = false;
            }
            else
            {
                islandEnd = end;
            }
            return;
        }
        if ("sack".equals(ackKind) && segments % HOLE_EVERY == 0 && start == ack)
        {
            holeOpen = true; // this one is lost
            holeEnd = end;
            islandEnd = end;
            return;
        }
        ack = end;
    }
}
