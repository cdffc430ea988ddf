package io.rudp.nio;

import io.rudp.nio.testkit.TestEcho;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Echo over real UDP on loopback, through the async API and the blocking streams. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoLoopbackTest
{
    private RudpLoop loop;
    private RudpSocket server;
    private RudpSocket client;

    @BeforeEach
    void start() throws Exception
    {
        loop = RudpLoop.start(LoopConfig.defaults());
        server = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
        client = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
        server.listen(server.localAddress().getPort(), TestEcho::attach);
    }

    @AfterEach
    void stop()
    {
        loop.close();
    }

    @Test
    void blockingStreamsEcho() throws Exception
    {
        final byte[] data = LoopbackSupport.randomBytes(1, 1_000_000);
        final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Thread reader = new Thread(() ->
        {
            try (InputStream in = c.inputStream())
            {
                in.transferTo(received);
            }
            catch (final java.io.IOException e)
            {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reader.start();
        try (OutputStream out = c.outputStream())
        {
            out.write(data);
        }
        reader.join(30_000);
        assertArrayEquals(data, received.toByteArray(), "the echo, byte for byte");
        assertEquals(CloseReason.NORMAL, c.closeFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void bytesReceivedBeforeAGracefulCloseAreAllReadableAfterIt() throws Exception
    {
        // The echo (200 KB) fits the client's receive buffers (the initial 256 KiB window: one that is
        // not read does not grow), so the connection can finish closing before the application reads
        // anything; every byte must still come out, then end of stream.
        final byte[] data = LoopbackSupport.randomBytes(9, 200_000);
        final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        try (OutputStream out = c.outputStream())
        {
            out.write(data);
        }
        assertEquals(CloseReason.NORMAL, c.closeFuture().get(20, TimeUnit.SECONDS));
        final byte[] echoed;
        try (InputStream in = c.inputStream())
        {
            echoed = in.readAllBytes();
        }
        assertArrayEquals(data, echoed, "the echo, read only after the close");
    }

    @Test
    void asyncApiEcho() throws Exception
    {
        final byte[] data = LoopbackSupport.randomBytes(2, 1_000_000);
        final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final java.util.concurrent.CompletableFuture<Void> eof = new java.util.concurrent.CompletableFuture<>();
        final ByteBuffer src = ByteBuffer.wrap(data);
        c.listener(new RudpConnection.Listener()
        {
            final ByteBuffer in = ByteBuffer.allocate(65536);

            @Override
            public void onReadable(final RudpConnection connection)
            {
                try
                {
                    int n;
                    while ((n = connection.read(in.clear())) > 0)
                    {
                        received.write(in.array(), 0, n);
                    }
                    if (n < 0)
                    {
                        eof.complete(null);
                    }
                }
                catch (final java.io.IOException e)
                {
                    eof.completeExceptionally(e);
                }
            }

            @Override
            public void onWritable(final RudpConnection connection)
            {
                writeSome(connection, src);
            }
        });
        writeSome(c, src);
        eof.get(30, TimeUnit.SECONDS);
        assertArrayEquals(LoopbackSupport.sha256(data), LoopbackSupport.sha256(received.toByteArray()));
        c.close();
        assertEquals(CloseReason.NORMAL, c.closeFuture().get(10, TimeUnit.SECONDS));
    }

    private static void writeSome(final RudpConnection c, final ByteBuffer src)
    {
        try
        {
            while (src.hasRemaining() && c.write(src) > 0)
            {
                // keep going while it accepts
            }
            if (!src.hasRemaining())
            {
                c.shutdownOutput();
            }
        }
        catch (final java.io.IOException e)
        {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
