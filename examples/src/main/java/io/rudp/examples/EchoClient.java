package io.rudp.examples;

import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code echo-client}: without {@code --count}, sends each stdin line and prints the echo; with it,
 * sends N random messages of B bytes, checks every echo, prints a summary and exits 0 only if all
 * matched. The echo is read on its own thread while the messages are written, so a message larger
 * than both ends' buffers together cannot deadlock the exchange.
 */
@Command(name = "echo-client", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Send lines from stdin (or --count random messages) to an echo-server and check the echoes.")
final class EchoClient implements Callable<Integer>
{
    @Option(names = "--port", required = true, converter = Cli.Port.class, description = "The server's port.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The server's address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--trace", description = "Print every segment sent and received.")
    boolean trace;

    @Option(names = "--count", paramLabel = "N", description = "Send N random messages instead of stdin lines.")
    Integer count;

    @Option(names = "--size", paramLabel = "B", defaultValue = "64", converter = Cli.Bytes.class,
        description = "Bytes per message with --count, like 100, 64K, 100M (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random messages (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ConnectionOptions options;

    @Override
    public Integer call() throws Exception
    {
        if (count != null && count < 1)
        {
            throw new IllegalArgumentException("--count must be positive: " + count);
        }
        if (size > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("--size must be under 2 GiB: " + size);
        }
        final InetSocketAddress server = new InetSocketAddress(host, port);
        try (RudpLoop loop = options.startLoop())
        {
            // Connected to the server: an ICMP port unreachable (nothing there, or it died) is seen.
            final RudpSocket socket = loop.bindConnected(server, options.config());
            options.capture(socket);
            if (trace)
            {
                socket.tracer(new Trace("client", System.out, System.nanoTime()));
            }
            final RudpConnection c = socket.connect(server, port, java.time.Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            return count == null ? interactive(c) : counted(c);
        }
    }

    private static int interactive(final RudpConnection c) throws Exception
    {
        System.out.println("connected to " + c.remoteAddress() + "; type lines, Ctrl-D to end");
        final OutputStream out = c.outputStream();
        final DataInputStream in = new DataInputStream(c.inputStream());
        final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = stdin.readLine()) != null)
        {
            final byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            final byte[] echo = new byte[bytes.length];
            in.readFully(echo);
            System.out.print("echo: " + new String(echo, StandardCharsets.UTF_8));
        }
        c.close();
        return 0;
    }

    private int counted(final RudpConnection c) throws Exception
    {
        final int messageBytes = (int)size;
        final OutputStream out = c.outputStream();
        final InputStream in = c.inputStream();
        // The reader regenerates the same messages from the seed and compares as the echo arrives.
        final CompletableFuture<Integer> matched = new CompletableFuture<>();
        final long total = (long)count * messageBytes;
        final java.util.concurrent.atomic.AtomicLong echoed = new java.util.concurrent.atomic.AtomicLong();
        final Thread reader = new Thread(() ->
        {
            try
            {
                matched.complete(readEchoes(in, messageBytes, echoed));
            }
            catch (final Exception e)
            {
                matched.completeExceptionally(e);
            }
        }, "echo-reader");
        reader.setDaemon(true);
        reader.start();
        final long startNs = System.nanoTime();
        long lastReportNs = startNs;
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] message = new byte[Math.min(messageBytes, 1 << 20)];
        for (int i = 0; i < count; i++)
        {
            for (long written = 0; written < messageBytes; )
            {
                final int n = (int)Math.min(message.length, messageBytes - written);
                fill(random, message, n);
                out.write(message, 0, n);
                written += n;
                if (System.nanoTime() - lastReportNs > 1_000_000_000L)
                {
                    lastReportNs = System.nanoTime();
                    System.out.printf("echo-client: %s of %s echoed%n", PerfStream.human(echoed.get()), PerfStream.human(total));
                }
            }
        }
        final int ok = matched.get();
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        c.close();
        System.out.printf("echo-client: %d/%d messages of %d bytes echoed intact in %.3f s (%.1f µs per round trip)%n",
            ok, count, messageBytes, seconds, seconds * 1e6 / count);
        return ok == count ? 0 : 1;
    }

    private int readEchoes(final InputStream in, final int messageBytes, final java.util.concurrent.atomic.AtomicLong echoed) throws java.io.IOException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] expected = new byte[Math.min(messageBytes, 1 << 20)];
        final byte[] got = new byte[expected.length];
        int ok = 0;
        for (int i = 0; i < count; i++)
        {
            boolean same = true;
            for (long read = 0; read < messageBytes; )
            {
                final int n = (int)Math.min(expected.length, messageBytes - read);
                fill(random, expected, n);
                if (in.readNBytes(got, 0, n) != n)
                {
                    throw new java.io.EOFException("the echo ended early");
                }
                same &= Arrays.equals(expected, 0, n, got, 0, n);
                read += n;
                echoed.addAndGet(n);
            }
            ok += same ? 1 : 0;
        }
        return ok;
    }

    private static void fill(final SplittableRandom random, final byte[] bytes, final int n)
    {
        for (int j = 0; j < n; j++)
        {
            bytes[j] = (byte)random.nextInt();
        }
    }
}
