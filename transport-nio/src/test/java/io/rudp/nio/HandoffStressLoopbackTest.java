package io.rudp.nio;

import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-offs between application threads and the loop, under pressure: 4 KiB staging rings, so
 * nearly every write is short and nearly every read empties the ring. A lost wake-up on either side
 * (writer waiting for onWritable, reader waiting for the loop to refill) shows as a stall.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandoffStressLoopbackTest
{
    @RepeatedTest(3)
    void asyncWriterAndBlockingReaderWithTinyRingsNeverStall() throws Exception
    {
        final LoopConfig tiny = LoopConfig.builder().stagingBufferBytes(4096).build();
        try (RudpLoop serverLoop = RudpLoop.start(tiny); RudpLoop clientLoop = RudpLoop.start(tiny))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final RudpListener listener = server.listen(server.localAddress().getPort());
            final RudpSocket client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            final RudpConnection s = listener.accept().get(10, TimeUnit.SECONDS);

            final byte[] data = LoopbackSupport.randomBytes(11, 8_000_000);
            final ByteBuffer src = ByteBuffer.wrap(data);
            final CompletableFuture<Void> written = new CompletableFuture<>();
            c.listener(new RudpConnection.Listener()
            {
                @Override
                public void onWritable(final RudpConnection connection)
                {
                    writeWhatFits(connection, src, written);
                }
            });
            clientLoop.execute(() -> writeWhatFits(c, src, written)); // from then on, only onWritable drives it

            final byte[] received;
            try (InputStream in = s.inputStream())
            {
                received = in.readAllBytes();
            }
            written.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, received);
            assertEquals(CloseReason.NORMAL, c.closeFuture().get(10, TimeUnit.SECONDS));
        }
    }

    private static void writeWhatFits(final RudpConnection c, final ByteBuffer src, final CompletableFuture<Void> done)
    {
        try
        {
            while (src.hasRemaining())
            {
                if (c.write(src) == 0)
                {
                    return; // onWritable resumes
                }
            }
            if (!done.isDone())
            {
                c.shutdownOutput();
                done.complete(null);
            }
        }
        catch (final IOException e)
        {
            done.completeExceptionally(e);
        }
    }
}
