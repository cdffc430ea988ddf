package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.EndpointDriver;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-off between application threads and the loop, step by step on one thread: a pump over
 * a real engine connection (two endpoints joined in memory, virtual time), the application's side
 * played by writing to and reading from the shared rings directly. No loop, socket or thread.
 */
class ConnectionPumpTest
{
    private static final int STAGING = 4096;
    private final InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1", 1);
    private final InetSocketAddress serverAddress = new InetSocketAddress("127.0.0.2", 2);
    private final Endpoint client = new Endpoint(RudpConfig.builder().isnSecret(1, 2).noDelay(true).build());
    private final Endpoint server = new Endpoint(RudpConfig.builder().isnSecret(3, 4).noDelay(true).build());
    private long nowNs = 1_000_000_000L;
    private final EndpointDriver toServer = new EndpointDriver(client, () -> nowNs, (d, to) ->
    {
        server.onDatagram(nowNs, d, clientAddress);
        return true;
    }, ByteBuffer.allocate(65_536));
    private final EndpointDriver toClient = new EndpointDriver(server, () -> nowNs, (d, to) ->
    {
        client.onDatagram(nowNs, d, serverAddress);
        return true;
    }, ByteBuffer.allocate(65_536));
    private final List<String> calls = new ArrayList<>();
    private final Handoff shared = new Handoff(new RudpConnection.Listener()
    {
        @Override
        public void onReadable(final RudpConnection connection)
        {
            calls.add("readable");
        }

        @Override
        public void onWritable(final RudpConnection connection)
        {
            calls.add("writable");
        }

        @Override
        public void onClosed(final RudpConnection connection, final CloseReason reason)
        {
            calls.add("closed " + reason);
        }
    });
    private Connection clientEngine;
    private Connection serverEngine;
    private ConnectionPump pump;

    /** Both endpoints send until neither has anything left (1 ms of virtual time per exchange). */
    private void exchange()
    {
        for (int i = 0; i < 100 && toServer.transmit() + toClient.transmit() > 0; i++)
        {
            nowNs += 1_000_000;
        }
        while (client.pollEvent() != null || server.pollEvent() != null)
        {
            // the pump is told directly in these tests
        }
    }

    private void established()
    {
        server.listen(80);
        clientEngine = client.connect(nowNs, serverAddress, 0, 80);
        exchange();
        serverEngine = server.connections().iterator().next();
        assertEquals(ConnectionState.ESTABLISHED, clientEngine.state());
        pump = new ConnectionPump(null, clientEngine, shared, STAGING, () -> nowNs);
    }

    @Test
    void writtenBytesReachTheEngineAndAWaitingWriterHearsOfRoom()
    {
        established();
        final SpscByteRing out = new SpscByteRing(STAGING);
        shared.out = out;
        out.offer(ByteBuffer.wrap(new byte[STAGING]));
        shared.writableWanted = true; // a write was refused for room
        pump.service();
        assertTrue(out.isEmpty(), "the engine took everything staged");
        assertEquals(List.of("writable"), calls, "the writer hears once that it may write again");
        assertFalse(shared.writableWanted);
        exchange();
        final ByteBuffer got = ByteBuffer.allocate(2 * STAGING);
        assertEquals(STAGING, serverEngine.read(got), "and the peer received it");
    }

    @Test
    void aWaitingWriterHearsOfRoomOnceHalfTheRingIsFreeNotAtTheFirstFreeByte()
    {
        final Endpoint smallSendBuffer = new Endpoint(RudpConfig.builder().isnSecret(1, 2).noDelay(true)
            .sendBufferBytes(STAGING / 4).build());
        final EndpointDriver driver = new EndpointDriver(smallSendBuffer, () -> nowNs, (d, to) ->
        {
            server.onDatagram(nowNs, d, clientAddress);
            return true;
        }, ByteBuffer.allocate(65_536));
        server.listen(80);
        clientEngine = smallSendBuffer.connect(nowNs, serverAddress, 0, 80);
        final EndpointDriver back = new EndpointDriver(server, () -> nowNs, (d, to) ->
        {
            smallSendBuffer.onDatagram(nowNs, d, serverAddress);
            return true;
        }, ByteBuffer.allocate(65_536));
        final Runnable exchange = () ->
        {
            for (int i = 0; i < 100 && driver.transmit() + back.transmit() > 0; i++)
            {
                nowNs += 1_000_000;
            }
            nowNs += 500_000_000L; // past the server's delayed ACK
            back.onTimers();
        };
        exchange.run();
        pump = new ConnectionPump(null, clientEngine, shared, STAGING, () -> nowNs);
        final SpscByteRing out = new SpscByteRing(STAGING);
        shared.out = out;
        out.offer(ByteBuffer.wrap(new byte[STAGING]));
        shared.writableWanted = true; // a write was refused for room

        pump.service();
        assertEquals(STAGING / 4, out.freeBytes(), "the engine took a quarter ring");
        assertEquals(List.of(), calls, "a quarter ring free: the writer sleeps on");
        assertTrue(shared.writableWanted);

        exchange.run(); // sent and acknowledged: the engine has room again
        pump.service();
        assertEquals(STAGING / 2, out.freeBytes());
        assertEquals(List.of("writable"), calls, "half the ring free: the writer hears of it, once");
        assertFalse(shared.writableWanted);
    }

    @Test
    void receivedBytesWaitInTheEngineWhileTheRingIsFullAndFollowWhenTheReaderMakesRoom()
    {
        established();
        serverEngine.write(ByteBuffer.wrap(new byte[STAGING + 1000]));
        exchange();
        pump.pullInbound();
        assertEquals(STAGING, shared.in.size(), "the ring is full");
        assertEquals(1000, clientEngine.readableBytes(), "the rest waits in the engine");
        assertTrue(shared.readerWaitingForSpace, "so a read that makes room calls the loop back");
        assertEquals(List.of("readable"), calls);
        shared.in.poll(ByteBuffer.allocate(STAGING));
        pump.service(); // what the read's call for attention leads to
        assertEquals(1000, shared.in.size());
        assertFalse(shared.readerWaitingForSpace);
    }

    @Test
    void endOfStreamComesOnlyAfterTheLastByteIsInTheRing()
    {
        established();
        serverEngine.write(ByteBuffer.wrap(new byte[STAGING + 10]));
        serverEngine.shutdownOutput();
        exchange();
        pump.onPeerClosed();
        assertFalse(shared.endOfStream, "10 bytes are still in the engine");
        shared.in.poll(ByteBuffer.allocate(STAGING));
        pump.service();
        assertEquals(10, shared.in.size());
        assertTrue(shared.endOfStream, "now every byte is in the ring");
    }

    @Test
    void closingWithUnreadDataResetsThePeer()
    {
        established();
        serverEngine.write(ByteBuffer.wrap(new byte[100]));
        exchange();
        pump.pullInbound();
        assertEquals(100, shared.in.size());
        shared.outputShutdown = true; // the application's close(), data unread
        shared.inputClosed = true;
        pump.service();
        exchange();
        assertEquals(CloseReason.ABORTED, clientEngine.closeReason(), "RFC 9293 §3.6.1: unread data turns a close into a reset");
        assertEquals(CloseReason.RESET_BY_PEER, serverEngine.closeReason());
    }

    @Test
    void theEndOfAConnectionWakesBothSidesAndCompletesTheFuture()
    {
        established();
        final Thread self = Thread.currentThread();
        shared.parkedReader = self;
        pump.onTerminated(CloseReason.RESET_BY_PEER);
        assertEquals(CloseReason.RESET_BY_PEER, shared.closeReason);
        assertEquals(CloseReason.RESET_BY_PEER, shared.closeFuture.getNow(null));
        assertEquals(List.of("closed " + CloseReason.RESET_BY_PEER), calls);
        assertFalse(shared.endOfStream, "an abnormal end is no end of stream: reads report the reset");
    }
}
