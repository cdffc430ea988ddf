package io.rudp.examples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example commands as a user runs them (in process, over loopback): usage errors name the
 * option and exit 2; perf-client's JSON lines and plot; reverse mode; an echo of a message larger
 * than both ends' buffers completes instead of deadlocking.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandLineTest
{
    @TempDir
    Path dir;

    /** What the commands print; waiters are woken at every write. */
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream()
    {
        @Override
        public synchronized void write(final byte[] b, final int off, final int len)
        {
            super.write(b, off, len);
            notifyAll();
        }

        @Override
        public synchronized void write(final int b)
        {
            super.write(b);
            notifyAll();
        }
    };
    private PrintStream savedOut;

    @BeforeEach
    void captureStdout()
    {
        savedOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout()
    {
        System.setOut(savedOut);
        System.out.print(stdout.toString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws Exception
    {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return s.getLocalPort();
        }
    }

    private static String usageError(final String... args)
    {
        final StringWriter err = new StringWriter();
        final var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        for (final var sub : cl.getSubcommands().values())
        {
            sub.setErr(new PrintWriter(err, true));
        }
        assertEquals(2, cl.execute(args), "exit status of " + String.join(" ", args));
        return err.toString();
    }

    @Test
    void theReadmesFirstProgramRuns() throws Exception
    {
        try (DatagramSocket probe = new DatagramSocket(null))
        {
            probe.bind(new InetSocketAddress(9000));
        }
        catch (final java.net.BindException e)
        {
            org.junit.jupiter.api.Assumptions.abort("UDP port 9000, which the README's program binds, is in use here");
        }
        QuickStart.main(new String[0]);
        assertEquals("got 12 bytes\n", out());
    }

    @Test
    void usageErrorsNameTheOptionAndExitTwo()
    {
        assertTrue(usageError("perf-client", "--port", "0").contains("'--port': '0' is not a port"));
        assertTrue(usageError("perf-client", "--port", "-1").contains("'--port': '-1' is not a port"));
        assertTrue(usageError("perf-client").contains("--port"), "a missing required option is named");
        assertTrue(usageError("echo-server", "--port", "9", "--bogus").contains("Unknown option: '--bogus'"));
        assertTrue(usageError("perf-client", "--port", "9", "--pmtu", "maybe").contains("--pmtu must be on or off"));
        assertTrue(usageError("perf-server", "--port", "9", "--transport", "dpdk").contains("--transport must be nio or epoll"));
        assertTrue(usageError("perf-client", "--port", "9", "--bytes", "1M", "--time", "3").contains("exclude each other"));
        assertTrue(usageError("echo-client", "--port", "9", "--size", "12Q").contains("'--size'"));
        assertTrue(usageError("no-such-command").contains("no-such-command"));
    }

    private static CompletableFuture<Integer> serve(final String... args)
    {
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final Thread t = new Thread(() -> status.complete(Main.commandLine().execute(args)), "server");
        t.setDaemon(true);
        t.start();
        return status;
    }

    private String out()
    {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** Waits (at most 30 s) for the server's "listening" line: it binds before it prints it. */
    private void awaitListening(final String server) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (stdout)
        {
            long leftNs;
            while (!out().contains(server + " listening") && (leftNs = deadlineNs - System.nanoTime()) > 0)
            {
                TimeUnit.NANOSECONDS.timedWait(stdout, leftNs);
            }
        }
        assertTrue(out().contains(server + " listening"), server + " did not start");
    }

    @Test
    void perfClientWritesJsonLinesAndAPlot() throws Exception
    {
        final String port = Integer.toString(freePort());
        final CompletableFuture<Integer> server = serve("perf-server", "--port", port, "--once", "--host", "127.0.0.1");
        awaitListening("perf-server");
        final Path png = dir.resolve("perf.png");
        assertEquals(0, Main.commandLine().execute("perf-client", "--port", port, "--bytes", "64M", "--interval", "0.05",
            "--json", "--plot", png.toString()));
        assertEquals(0, server.get(30, TimeUnit.SECONDS));
        final String[] lines = out().lines().filter(l -> l.startsWith("{")).toArray(String[]::new);
        assertTrue(lines[0].startsWith("{\"event\":\"start\""), lines[0]);
        assertTrue(lines[lines.length - 1].startsWith("{\"event\":\"end\"") && lines[lines.length - 1].contains("\"sha256_match\":true"),
            lines[lines.length - 1]);
        assertTrue(out().contains("{\"event\":\"interval\""), "interval lines");
        final byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 1000 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G', "a PNG");
    }

    @Test
    void perfRunsOverTheEpollTransport() throws Exception
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.rudp.epoll.EpollTransport.isAvailable(),
            () -> "skipped: epoll is unavailable here: " + io.rudp.epoll.EpollTransport.unavailabilityCause());
        final String port = Integer.toString(freePort());
        final CompletableFuture<Integer> server =
            serve("perf-server", "--port", port, "--once", "--host", "127.0.0.1", "--transport", "epoll");
        awaitListening("perf-server");
        assertEquals(0, Main.commandLine().execute("perf-client", "--port", port, "--bytes", "32M", "--transport", "epoll"));
        assertEquals(0, server.get(30, TimeUnit.SECONDS), "the server's SHA-256 matched");
        assertTrue(out().contains("perf-client: sent 32.00 MiB"), out());
    }

    @Test
    void reverseModeReceivesFromTheServer() throws Exception
    {
        final String port = Integer.toString(freePort());
        final CompletableFuture<Integer> server = serve("perf-server", "--port", port, "--once", "--host", "127.0.0.1");
        awaitListening("perf-server");
        assertEquals(0, Main.commandLine().execute("perf-client", "--port", port, "--bytes", "32M", "--reverse"));
        assertEquals(0, server.get(30, TimeUnit.SECONDS));
        assertTrue(out().contains("perf-client: received 32.00 MiB"), out());
        assertTrue(out().contains("perf-server: sent 32.00 MiB"), out());
    }

    @Test
    void anEchoLargerThanBothBuffersCompletes() throws Exception
    {
        final String port = Integer.toString(freePort());
        serve("echo-server", "--port", port, "--host", "127.0.0.1");
        awaitListening("echo-server");
        // 48 MiB: more than the client's and the server's 8 MiB send and receive buffers together,
        // which a writer that reads only after writing everything never gets past.
        assertEquals(0, Main.commandLine().execute("echo-client", "--port", port, "--count", "1", "--size", "48M"));
        assertTrue(out().contains("1/1 messages of 50331648 bytes echoed intact"), out());
    }

    @Test
    void demoLossShowsTheTimeoutTheRetransmissionAndTheCoveringAckInTimeOrder()
    {
        assertEquals(0, Main.commandLine().execute("demo", "--loss"));
        final java.util.List<String> trace = out().lines().filter(l -> l.matches("\\s*[0-9.]+ ms .*")).toList();
        final java.util.List<String> segments = trace.stream().filter(l -> l.contains(" > ")).map(l -> l.replaceAll(".* > \\S+\\s+", ""))
            .toList();
        assertTrue(segments.get(0).startsWith("SYN seq=1000"), segments.toString());
        assertTrue(segments.get(1).startsWith("SYN+ACK seq=2000 ack=1001"), segments.toString());
        assertEquals(2, segments.stream().filter(l -> l.startsWith("PSH+ACK seq=1301") && l.endsWith("len=100")).count(),
            "sent, dropped, sent again: " + segments);
        assertTrue(segments.stream().anyMatch(l -> l.startsWith("ACK seq=2001 ack=1401")), segments.toString());
        assertTrue(out().contains("1 timeout(s), 1 retransmission(s)"), out());
        double last = -1;
        for (final String line : trace)
        {
            final double ms = Double.parseDouble(line.trim().split(" ")[0]);
            assertTrue(ms >= last, "time order: " + line + " after " + last);
            last = ms;
        }
    }

    @Test
    void parallelStreamsAreSummedAndEachChecked() throws Exception
    {
        final String port = Integer.toString(freePort());
        serve("perf-server", "--port", port, "--host", "127.0.0.1");
        awaitListening("perf-server");
        assertEquals(0, Main.commandLine().execute("perf-client", "--port", port, "--bytes", "16M", "-P", "3",
            "--interval", "0.05"));
        assertTrue(out().contains("[SUM]"), "a sum line per interval: " + out());
        for (int id = 1; id <= 3; id++)
        {
            assertTrue(out().contains("perf-client: [  " + id + "] 16.00 MiB"), "stream " + id + ": " + out());
        }
        assertTrue(out().contains("perf-client: sent 48.00 MiB"), out());
    }

    @Test
    void ssPrintsTheConnectionTableOfAnotherProcess() throws Exception
    {
        final int port = freePort();
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            "io.rudp.examples.Main", "echo-server", "--host", "127.0.0.1", "--port", Integer.toString(port))
            .redirectErrorStream(true).start();
        try
        {
            final java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            final String first = lines.readLine();
            assertTrue(first != null && first.contains("listening"), "echo-server started: " + first);
            assertEquals(0, Main.commandLine().execute("ss", "--pid", Long.toString(server.pid())));
            assertTrue(out().contains("rudp socket /127.0.0.1:" + port + ": 0 connection(s)"), out());
        }
        finally
        {
            server.destroy();
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "echo-server stopped");
        }
    }
}
