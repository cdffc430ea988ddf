package io.rudp.nio;

import io.rudp.nio.testkit.ImpairingRelay;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rudp's JDK Flight Recorder events, read back with a {@link RecordingStream} while a lossy,
 * corrupting transfer runs over loopback and a second connection loses its peer: each event type
 * is recorded, with the fields that make it useful.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FlightRecorderEventsTest
{
    private static final List<String> EVENTS = List.of("io.rudp.ConnectionOpened", "io.rudp.ConnectionClosed",
        "io.rudp.RetransmissionTimeout", "io.rudp.LossRecovery", "io.rudp.CongestionState", "io.rudp.SegmentsDropped",
        "io.rudp.LoopStall", "io.rudp.ConnectionSample");

    @Test
    void everyEventIsRecordedDuringALossyTransfer() throws Exception
    {
        final Map<String, CountDownLatch> seen = new ConcurrentHashMap<>();
        final Map<String, RecordedEvent> first = new ConcurrentHashMap<>();
        for (final String name : EVENTS)
        {
            seen.put(name, new CountDownLatch(1));
        }
        try (RecordingStream recording = new RecordingStream())
        {
            recording.setReuse(false); // the events are kept past their callback
            for (final String name : EVENTS)
            {
                recording.enable(name).withThreshold(Duration.ZERO);
                recording.onEvent(name, e ->
                {
                    if (name.equals("io.rudp.ConnectionClosed") && !"NORMAL".equals(e.getString("reason")))
                    {
                        return; // the transfer's own close is the one checked below
                    }
                    first.putIfAbsent(name, e);
                    seen.get(name).countDown();
                });
            }
            recording.startAsync();
            transferAndLosePeer(seen.get("io.rudp.RetransmissionTimeout"));
            for (final String name : EVENTS)
            {
                assertTrue(seen.get(name).await(20, TimeUnit.SECONDS), name + " was not recorded");
            }
        }
        final RecordedEvent closed = first.get("io.rudp.ConnectionClosed");
        System.out.println("recorded: " + closed);
        assertEquals("NORMAL", closed.getString("reason"));
        assertTrue(closed.getLong("bytesSent") > 0 || closed.getLong("bytesReceived") > 0, "totals");
        final RecordedEvent sample = first.get("io.rudp.ConnectionSample");
        assertTrue(sample.getLong("cwnd") > 0 && sample.getInt("pathMtu") > 0, "sample fields: " + sample);
        assertEquals("BAD_CRC", first.get("io.rudp.SegmentsDropped").getString("reason"));
        assertTrue(first.get("io.rudp.RetransmissionTimeout").getLong("rto") > 0);
        assertTrue(first.get("io.rudp.LossRecovery").getDuration().toNanos() > 0, "an episode lasts");
    }

    private static void transferAndLosePeer(final CountDownLatch timeoutRecorded) throws Exception
    {
        final byte[] data = LoopbackSupport.randomBytes(9, 3_000_000);
        final LoopConfig sampling = LoopConfig.builder().sampleInterval(Duration.ofMillis(20)).build();
        try (RudpLoop serverLoop = RudpLoop.start(sampling); RudpLoop clientLoop = RudpLoop.start(sampling))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final int port = server.localAddress().getPort();
            final CompletableFuture<byte[]> received = new CompletableFuture<>();
            server.listen(port, c -> ImpairedTransferLoopbackTest.readAllInBackground(c, received));
            final RudpSocket client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK,
                LoopbackSupport.config().toBuilder().maxDatagramBytes(1472).build());
            try (ImpairingRelay relay = new ImpairingRelay(server.localAddress(), 4, 0.03, 0, 0, 0.01))
            {
                final RudpConnection c = client.connect(relay.address(), port, Duration.ofSeconds(10))
                    .get(20, TimeUnit.SECONDS);
                try (OutputStream out = c.outputStream())
                {
                    out.write(data);
                }
                assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(received.get(60, TimeUnit.SECONDS)));
                c.closeFuture().get(20, TimeUnit.SECONDS);
            }
            // A second connection whose peer goes silent: its data times out.
            try (ImpairingRelay relay = new ImpairingRelay(server.localAddress(), 5, 0, 0, 0, 0))
            {
                final RudpConnection c = client.connect(relay.address(), port, Duration.ofSeconds(10))
                    .get(20, TimeUnit.SECONDS);
                relay.cut();
                c.write(ByteBuffer.wrap(new byte[1000]));
                // The RTO (loopback: the 20 ms minimum) fires, and the recording sees it, before the abort.
                assertTrue(timeoutRecorded.await(20, TimeUnit.SECONDS), "io.rudp.RetransmissionTimeout was not recorded");
                c.abort();
            }
        }
    }
}
