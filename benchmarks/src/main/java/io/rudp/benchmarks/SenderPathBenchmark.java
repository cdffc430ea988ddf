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
 * The sender's path per segment: the application's {@code write} of one segment's worth, then
 * segmentation and {@code pollTransmit} (header, options, copy out of the send buffer, CRC32C, the
 * sent-log record, timers). The forged peer acknowledges every {@value #ACK_EVERY} segments, so an
 * operation also carries 1/{@value #ACK_EVERY} of a cumulative ACK's processing (see
 * {@link AckPathBenchmark} for that alone).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SenderPathBenchmark
{
    /** At most BBR's smallest window (4 segments, in PROBE_RTT), so the sender never stalls. */
    static final int ACK_EVERY = 4;

    @Param({"bbr", "cubic"})
    public String congestionControl;

    private ForgedPeer peer;
    private ByteBuffer appData;
    private int sent;
    private int ackedThrough;

    @Setup
    public void setUp()
    {
        ForgedPeer.buildAfterClassLoading(this::build, this::writeAndTransmit);
    }

    private void build()
    {
        peer = new ForgedPeer(ForgedPeer.config(congestionControl));
        appData = ByteBuffer.allocate(peer.connection.mssDataBytes());
        sent = 0;
        ackedThrough = 0;
    }

    @Benchmark
    public int writeAndTransmit()
    {
        peer.nowNs += 10_000;
        peer.connection.write(appData.clear());
        final Segment seg = peer.receive();
        ackedThrough = seg.seq + seg.payloadLength();
        if (++sent % ACK_EVERY == 0)
        {
            peer.nowNs += 50_000; // the ACK comes a round trip later (a zero RTT would leave BBR no window)
            peer.send(TcpFlags.ACK, peer.peerSeq, ackedThrough, 0, false);
            peer.drainEvents();
        }
        return ackedThrough;
    }
}
