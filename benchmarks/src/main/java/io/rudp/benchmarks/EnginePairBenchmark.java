package io.rudp.benchmarks;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.Endpoint;
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

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The engine's hot path, one full-sized data segment per operation, between two endpoints joined
 * in memory (no sockets): the sender's {@code write} and segmentation, {@code pollTransmit}, the
 * receiver's {@code onDatagram} (in order, or every 20th segment held back to arrive out of
 * order), {@code read}, its ACK (every second segment, with SACK blocks while a hole is open),
 * and the sender processing that ACK (RTT sample, congestion control, freeing acknowledged data).
 * Time is virtual: 10 µs per segment.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EnginePairBenchmark
{
    /** "inOrder": every segment arrives in order; "reordered": every 20th arrives one segment late. */
    @Param({"inOrder", "reordered"})
    public String arrival;

    private Endpoint sender;
    private Endpoint receiver;
    private Connection senderConnection;
    private Connection receiverConnection;
    private InetSocketAddress senderAddress;
    private InetSocketAddress receiverAddress;
    private final ByteBuffer wire = ByteBuffer.allocateDirect(1500);
    private final ByteBuffer held = ByteBuffer.allocateDirect(1500);
    private final ByteBuffer ackWire = ByteBuffer.allocateDirect(1500);
    private ByteBuffer appData;
    private ByteBuffer readBuffer;
    private long nowNs;
    private long segments;
    private boolean holding;

    @Setup
    public void setUp()
    {
        ForgedPeer.buildAfterClassLoading(this::build, this::segmentRoundTrip);
    }

    private void build()
    {
        segments = 0;
        holding = false;
        receiverConnection = null;
        // Segments of an Ethernet path (1472-byte datagrams), fixed: the benchmark measures per-segment cost.
        final RudpConfig config = RudpConfig.builder().isnSecret(1, 2).maxDatagramBytes(1472).pathMtuDiscovery(false)
            .build();
        sender = new Endpoint(config);
        receiver = new Endpoint(config);
        senderAddress = ForgedPeer.loopback(1, 1);
        receiverAddress = ForgedPeer.loopback(2, 2);
        receiver.listen(443);
        senderConnection = sender.connect(nowNs, receiverAddress, 0, 443);
        while (senderConnection.state() != ConnectionState.ESTABLISHED || receiverConnection == null)
        {
            exchange(sender, senderAddress, receiver);
            exchange(receiver, receiverAddress, sender);
            nowNs += 1_000_000;
            if (receiver.pollEvent() != null)
            {
                receiverConnection = receiver.connections().iterator().next();
            }
        }
        while (sender.pollEvent() != null)
        {
            // drain CONNECTED
        }
        appData = ByteBuffer.allocate(senderConnection.mssDataBytes());
        readBuffer = ByteBuffer.allocate(64 * 1024);
    }

    /** Setup only: whatever {@code from} sends goes straight to {@code to}. */
    private void exchange(final Endpoint from, final InetSocketAddress fromAddress, final Endpoint to)
    {
        new EndpointDriver(from, () -> nowNs, (datagram, destination) ->
        {
            to.onDatagram(nowNs, datagram, fromAddress);
            return true;
        }, wire).transmit();
    }

    @Benchmark
    public long segmentRoundTrip()
    {
        nowNs += 10_000;
        senderConnection.write(appData.clear());
        if (sender.pollTransmit(nowNs, wire.clear()) == null)
        {
            throw new IllegalStateException("nothing to send: " + senderConnection.describeState());
        }
        wire.flip();
        segments++;
        if (holding)
        {
            receiver.onDatagram(nowNs, wire, senderAddress);
            receiver.onDatagram(nowNs, held, senderAddress);
            holding = false;
        }
        else if ("reordered".equals(arrival) && segments % 20 == 0)
        {
            held.clear();
            held.put(wire).flip();
            holding = true;
        }
        else
        {
            receiver.onDatagram(nowNs, wire, senderAddress);
        }
        while (receiverConnection.read(readBuffer.clear()) > 0)
        {
            // the application consumes everything
        }
        if (receiver.nextTimeoutNs() <= nowNs)
        {
            receiver.onTimeout(nowNs);
        }
        while (receiver.pollTransmit(nowNs, ackWire.clear()) != null)
        {
            sender.onDatagram(nowNs, ackWire.flip(), receiverAddress);
        }
        if (sender.nextTimeoutNs() <= nowNs)
        {
            sender.onTimeout(nowNs);
        }
        drainEvents();
        return segments;
    }

    private void drainEvents()
    {
        while (sender.pollEvent() != null)
        {
            // WRITABLE and the like: nothing to do
        }
        while (receiver.pollEvent() != null)
        {
            // READABLE: consumed above
        }
    }
}
