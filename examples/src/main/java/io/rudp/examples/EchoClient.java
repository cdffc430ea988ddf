package io.rudp.examples;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code echo-client --host H --port P [--trace] [--count N --size B]}: without {@code --count},
 * sends each stdin line and prints the echo; with it, sends N random messages of B bytes, checks
 * every echo, prints a summary and exits 0 only if all matched.
 */
final class EchoClient
{
    private EchoClient()
    {
    }

    static int run(final String[] argv) throws Exception
    {
        final Args args = new Args(argv, Set.of("trace"), ConnectionOptions.with("host", "port", "count", "size", "seed"));
        final String host = args.get("host", "127.0.0.1");
        final int port = args.requiredInt("port");
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bindConnected(new InetSocketAddress(host, port), // connected: an ICMP port unreachable is seen
                ConnectionOptions.config(args));
            ConnectionOptions.capture(args, socket);
            if (args.flag("trace"))
            {
                socket.tracer(new Trace("client", System.out, System.nanoTime()));
            }
            final RudpConnection c = socket.connect(new InetSocketAddress(host, port), port,
                java.time.Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            return args.get("count", null) == null ? interactive(c) : counted(c, args);
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

    private static int counted(final RudpConnection c, final Args args) throws Exception
    {
        final int count = args.intValue("count", 1);
        final int size = (int)args.bytes("size", 64);
        if (count < 1 || size < 1)
        {
            throw new IllegalArgumentException("--count and --size must be positive");
        }
        final SplittableRandom random = new SplittableRandom(args.intValue("seed", 1));
        final OutputStream out = c.outputStream();
        final InputStream in = c.inputStream();
        int matched = 0;
        final long startNs = System.nanoTime();
        for (int i = 0; i < count; i++)
        {
            final byte[] message = new byte[size];
            for (int j = 0; j < size; j++)
            {
                message[j] = (byte)random.nextInt();
            }
            out.write(message);
            final byte[] echo = in.readNBytes(size);
            if (Arrays.equals(message, echo))
            {
                matched++;
            }
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        c.close();
        System.out.printf("echo-client: %d/%d messages of %d bytes echoed intact in %.3f s (%.1f µs per round trip)%n",
            matched, count, size, seconds, seconds * 1e6 / count);
        return matched == count ? 0 : 1;
    }
}
