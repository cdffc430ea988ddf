package io.rudp.benchmarks;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Encoding and decoding one full-sized data segment with timestamps, two SACK blocks and the
 * CRC32C option (the CRC over ~1.4 KB dominates both).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark
{
    private final SegmentCodec codec = new SegmentCodec();
    private final Segment out = new Segment();
    private final Segment in = new Segment();
    private final ByteBuffer directBuffer = ByteBuffer.allocateDirect(1500);
    private int payloadBytes;
    private int encodedBytes;

    @Setup
    public void setUp()
    {
        out.srcPort = 5000;
        out.dstPort = 443;
        out.seq = 123456789;
        out.ack = 987654321;
        out.flags = TcpFlags.ACK | TcpFlags.PSH;
        out.window = 32768;
        out.hasTimestamps = true;
        out.tsVal = 1000;
        out.tsEcr = 2000;
        out.addSackBlock(987700000, 987710000);
        out.addSackBlock(987720000, 987730000);
        payloadBytes = 1472 - SegmentCodec.HEADER_BYTES - SegmentCodec.optionBytes(out);
        for (int i = 0; i < 1500; i++)
        {
            directBuffer.put(i, (byte)i);
        }
        encodedBytes = encode();
    }

    @Benchmark
    public int encode()
    {
        final int header = SegmentCodec.encodeHeader(out, directBuffer, 0);
        codec.seal(directBuffer, 0, header + payloadBytes);
        return header + payloadBytes;
    }

    @Benchmark
    public Object decode()
    {
        directBuffer.limit(encodedBytes).position(0);
        final Object reason = codec.decode(directBuffer, in);
        directBuffer.limit(directBuffer.capacity());
        return reason == null ? in : reason;
    }
}
