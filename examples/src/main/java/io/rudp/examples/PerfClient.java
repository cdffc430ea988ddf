package io.rudp.examples;

import io.rudp.core.config.RudpConfigBuilder;
import io.rudp.nio.ConnectionStats;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code perf-client}: iperf3 for rudp. Sends (or with {@code --reverse} receives) one stream per
 * {@code --parallel} connection, of a size or for a time, reporting every {@code --interval}
 * seconds (goodput, retransmits, cwnd, srtt, pacing, PMTU) as text or {@code --json} lines, then a
 * summary with each stream's SHA-256 verdict; Ctrl-C prints the summary so far. {@code --plot}
 * draws goodput, cwnd, srtt and retransmissions over time. Exits 0 only if every stream matched.
 */
@Command(name = "perf-client", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure goodput to a perf-server: a size or a time, one or more streams, either direction.")
final class PerfClient implements Callable<Integer>
{
    @Option(names = "--port", required = true, converter = Cli.Port.class, description = "The server's port.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The server's address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--bytes", paramLabel = "N[K|M|G]", converter = Cli.Bytes.class,
        description = "Bytes per stream (default 100M unless --time).")
    Long bytes;

    @Option(names = "--time", paramLabel = "S", description = "Run for S seconds instead of a size.")
    Integer timeSeconds;

    @Option(names = {"-R", "--reverse"}, description = "The server sends, this side receives.")
    boolean reverse;

    @Option(names = {"-P", "--parallel"}, paramLabel = "N", defaultValue = "1", description = "Streams in parallel (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = {"-i", "--interval"}, paramLabel = "S", defaultValue = "1", description = "Seconds between reports (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--json", description = "Print JSON lines (one per interval, then the summary) instead of text.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg", description = "Draw goodput, cwnd, srtt and retransmits over time.")
    Path plot;

    @Option(names = "--cc", paramLabel = "newreno|cubic|bbr", description = "The sender's congestion controller (default: bbr).")
    String congestionControl;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the stream's bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ConnectionOptions options;

    private final List<PerfReport.Interval> history = new ArrayList<>();

    @Override
    public Integer call() throws Exception
    {
        validate();
        final RudpConfigBuilder config = options.builder();
        if (congestionControl != null)
        {
            config.congestionControl(congestionControl); // an unknown name fails here, naming the accepted ones
        }
        final long streamBytes = timeSeconds != null ? PerfStream.UNTIL_CLOSED : bytes != null ? bytes : 100L << 20;
        final long timeMillis = timeSeconds != null ? timeSeconds * 1000L : 0;
        final InetSocketAddress server = new InetSocketAddress(host, port);
        final PerfReport report = new PerfReport(json, parallel, reverse);
        try (RudpLoop loop = options.startLoop())
        {
            final List<RudpConnection> connections = new ArrayList<>();
            for (int i = 0; i < parallel; i++)
            {
                // Each stream on its own socket, connected to the server: an ICMP port unreachable is seen.
                final var socket = loop.bindConnected(server, config.build());
                if (i == 0)
                {
                    options.capture(socket);
                }
                connections.add(socket.connect(server, port, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
            }
            report.start(server, streamBytes, timeSeconds);
            final AtomicBoolean stop = new AtomicBoolean();
            final List<CompletableFuture<PerfProtocol.Result>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++)
            {
                results.add(runStream(connections.get(i), i + 1, streamBytes, timeMillis, stop));
            }
            final long startNs = System.nanoTime();
            final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread t = new Thread(r, "perf-interval");
                t.setDaemon(true);
                return t;
            });
            final PerfReport.Sampler sampler = report.sampler(connections, startNs);
            final long periodMs = Math.max(10, Math.round(intervalSeconds * 1000));
            ticker.scheduleAtFixedRate(() -> tick(sampler), periodMs, periodMs, TimeUnit.MILLISECONDS);
            final AtomicBoolean finished = new AtomicBoolean();
            final Thread onCtrlC = new Thread(() ->
            {
                if (!finished.get())
                {
                    report.interrupted(sampler.totals());
                    writePlot();
                }
            }, "perf-summary");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            final List<PerfProtocol.Result> done = new ArrayList<>();
            for (final CompletableFuture<PerfProtocol.Result> r : results)
            {
                done.add(r.get());
            }
            ticker.shutdownNow();
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final List<ConnectionStats> stats = new ArrayList<>();
            for (final RudpConnection c : connections)
            {
                stats.add(c.stats().get(5, TimeUnit.SECONDS));
                c.close();
            }
            finished.set(true);
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
            final boolean allMatched = report.end(done, stats, seconds);
            writePlot();
            return allMatched ? 0 : 1;
        }
    }

    private void validate()
    {
        if (timeSeconds != null && timeSeconds <= 0)
        {
            throw new IllegalArgumentException("--time must be a positive number of seconds: " + timeSeconds);
        }
        if (timeSeconds != null && bytes != null)
        {
            throw new IllegalArgumentException("--bytes and --time exclude each other: give one");
        }
        if (parallel < 1 || parallel > 128)
        {
            throw new IllegalArgumentException("--parallel must be 1 to 128: " + parallel);
        }
        if (!(intervalSeconds >= 0.01))
        {
            throw new IllegalArgumentException("--interval must be at least 0.01 s: " + intervalSeconds);
        }
        if (plot != null && !plot.toString().endsWith(".png") && !plot.toString().endsWith(".svg"))
        {
            throw new IllegalArgumentException("--plot must name a .png or .svg file: " + plot);
        }
    }

    private CompletableFuture<PerfProtocol.Result> runStream(final RudpConnection c, final int id, final long streamBytes,
        final long timeMillis, final AtomicBoolean stop)
    {
        final CompletableFuture<PerfProtocol.Result> result = new CompletableFuture<>();
        final Thread t = new Thread(() ->
        {
            try
            {
                final DataOutputStream out = new DataOutputStream(c.outputStream());
                final DataInputStream in = new DataInputStream(c.inputStream());
                new PerfProtocol.Request(reverse ? PerfProtocol.REVERSE : PerfProtocol.FORWARD, streamBytes, timeMillis)
                    .write(out);
                if (reverse)
                {
                    out.flush();
                    result.complete(PerfProtocol.receive(in, out, streamBytes));
                }
                else
                {
                    result.complete(PerfProtocol.send(out, in, streamBytes, timeMillis, seed + id, stop));
                }
            }
            catch (final Exception e)
            {
                result.completeExceptionally(e);
            }
        }, "perf-stream-" + id);
        t.setDaemon(true);
        t.start();
        return result;
    }

    private void tick(final PerfReport.Sampler sampler)
    {
        try
        {
            final PerfReport.Interval interval = sampler.sample();
            synchronized (history)
            {
                history.add(interval);
            }
        }
        catch (final Exception e)
        {
            // The run is ending; the summary reports it.
        }
    }

    private void writePlot()
    {
        if (plot == null)
        {
            return;
        }
        try
        {
            synchronized (history)
            {
                PerfPlot.write(plot, history, reverse);
            }
            System.err.println("perf-client: plot written to " + plot);
        }
        catch (final Exception e)
        {
            System.err.println("perf-client: --plot " + plot + " failed: " + e);
        }
    }
}
