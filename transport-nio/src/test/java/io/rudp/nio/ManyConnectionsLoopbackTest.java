package io.rudp.nio;

import io.rudp.nio.testkit.TestEcho;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many connections over one UDP socket on each side. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManyConnectionsLoopbackTest
{
    private static final int CONNECTIONS = 1000;
    private static final int BYTES_EACH = 64 * 1024;

    @Test
    void thousandConcurrentEchoesOfSixtyFourKilobytes() throws Exception
    {
        try (RudpLoop serverLoop = RudpLoop.start(LoopConfig.builder().threadName("server-loop").build());
             RudpLoop clientLoop = RudpLoop.start(LoopConfig.builder().threadName("client-loop").build()))
        {
            final RudpSocket server = serverLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            server.listen(server.localAddress().getPort(), TestEcho::attach);
            final RudpSocket client = clientLoop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());

            final List<CompletableFuture<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++)
            {
                final byte[] data = LoopbackSupport.randomBytes(1000 + i, BYTES_EACH);
                final CompletableFuture<Boolean> matched = new CompletableFuture<>();
                results.add(matched);
                client.connect(server.localAddress()).whenComplete((c, error) ->
                {
                    if (error != null)
                    {
                        matched.completeExceptionally(error);
                        return;
                    }
                    echoOnce(c, data, matched);
                });
            }
            int ok = 0;
            for (final CompletableFuture<Boolean> r : results)
            {
                ok += r.get(100, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(CONNECTIONS, ok, "connections whose echo matched byte for byte");
        }
    }

    /** Writes {@code data}, half-closes, reads the echo to its end and compares (callbacks on the loop thread). */
    private static void echoOnce(final RudpConnection c, final byte[] data, final CompletableFuture<Boolean> matched)
    {
        final EchoCheck check = new EchoCheck(data, matched);
        c.listener(check);
        check.send(c);
    }

    private static final class EchoCheck implements RudpConnection.Listener
    {
        private final byte[] data;
        private final CompletableFuture<Boolean> matched;
        private final ByteBuffer src;
        private final ByteArrayOutputStream echoed;
        private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);

        EchoCheck(final byte[] data, final CompletableFuture<Boolean> matched)
        {
            this.data = data;
            this.matched = matched;
            this.src = ByteBuffer.wrap(data);
            this.echoed = new ByteArrayOutputStream(data.length);
        }

        /**
         * Writes what is left. Synchronized: {@code listener()} may call {@link #onWritable} on the
         * loop thread while the connect future's thread calls this too, and two writers sharing
         * {@code src} wrote after the other had shut output down.
         */
        synchronized void send(final RudpConnection connection)
        {
            try
            {
                while (src.hasRemaining() && connection.write(src) > 0)
                {
                    // keep writing while it accepts
                }
                if (!src.hasRemaining() && connection.isOpen())
                {
                    connection.shutdownOutput();
                }
            }
            catch (final IOException | IllegalStateException e)
            {
                matched.completeExceptionally(e);
            }
        }

        @Override
        public void onWritable(final RudpConnection connection)
        {
            send(connection);
        }

        @Override
        public void onReadable(final RudpConnection connection)
        {
            try
            {
                int n;
                while ((n = connection.read(in.clear())) > 0)
                {
                    echoed.write(in.array(), 0, n);
                }
                if (n < 0)
                {
                    matched.complete(Arrays.equals(data, echoed.toByteArray()));
                    connection.close();
                }
            }
            catch (final IOException e)
            {
                matched.completeExceptionally(e);
            }
        }

        @Override
        public void onClosed(final RudpConnection connection, final CloseReason reason)
        {
            if (reason != CloseReason.NORMAL)
            {
                matched.completeExceptionally(new IllegalStateException(connection + " ended: " + reason));
            }
        }
    }
}
