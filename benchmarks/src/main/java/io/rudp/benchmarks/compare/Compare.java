package io.rudp.benchmarks.compare;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end comparison on loopback: rudp against raw UDP and kernel TCP, each sender and
 * receiver in a JVM of its own, every figure the median of several runs (with min and max), and
 * ratios against raw UDP.
 *
 * <pre>java -cp benchmarks/target/rudp-benchmarks.jar io.rudp.benchmarks.compare.Compare [--runs 3]
 *     [--seconds 15] [--warmup 5] [--pings 50000] [--connections 10000] [--only bulk|pingpong|scale]</pre>
 *
 * A bulk run sends for {@code --warmup} seconds before it is measured for {@code --seconds}: the
 * JVMs compile their hot paths in the first seconds (see {@link MeasuredWindow}); {@code --warmup 0}
 * measures from the first byte.
 */
@Command(name = "Compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "rudp against raw UDP and kernel TCP on loopback: bulk goodput and CPU per GB, ping-pong latency, 10,000 connections.")
public final class Compare implements Callable<Integer>
{
    /** Which comparisons to run. */
    enum Only
    {
        all, bulk, pingpong, scale
    }

    @Option(names = "--runs", paramLabel = "N", description = "Runs of each comparison; figures are their median (default: ${DEFAULT-VALUE}).")
    private int runs = 3;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds per bulk run (default: ${DEFAULT-VALUE}).")
    private int seconds = 15;

    @Option(names = "--warmup", paramLabel = "S", description = "Seconds a bulk run goes before it is measured (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds = 5;

    @Option(names = "--pings", paramLabel = "N", description = "Timed round trips per ping-pong run (default: ${DEFAULT-VALUE}).")
    private int pings = 50_000;

    @Option(names = "--connections", paramLabel = "N", description = "Connections in the scale test (default: ${DEFAULT-VALUE}).")
    private int connections = 10_000;

    @Option(names = "--only", paramLabel = "WHICH", description = "One comparison: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Only only = Only.all;

    @Spec
    private CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new Compare()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        atLeast("--runs", runs, 1);
        atLeast("--seconds", seconds, 1);
        atLeast("--warmup", warmupSeconds, 0);
        atLeast("--pings", pings, 1);
        atLeast("--connections", connections, 1);
        System.out.printf("rudp comparison on loopback: %d runs each, %d CPUs, %s %s%n%n", runs,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (only == Only.all || only == Only.bulk)
        {
            bulk();
        }
        if (only == Only.all || only == Only.pingpong)
        {
            pingPong();
        }
        if (only == Only.all || only == Only.scale)
        {
            scale();
        }
        return 0;
    }

    /** A value below {@code min} is a usage error that names its option (picocli exits 2). */
    private void atLeast(final String option, final int value, final int min)
    {
        if (value < min)
        {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", not " + value);
        }
    }

    private void bulk() throws Exception
    {
        System.out.println("Bulk goodput (" + seconds + " s per run after " + warmupSeconds + " s of warm-up; "
            + Role.DATAGRAM_PAYLOAD + " data bytes per datagram, " + Role.RUDP_DATAGRAM_BYTES + " B datagrams for rudp,"
            + " or " + Role.LOOPBACK_DATAGRAM_BYTES + " B, loopback's largest, for the 64 KiB rows), Mbit/s:");
        final Map<String, double[]> results = new LinkedHashMap<>();
        final Map<String, double[]> cpu = new LinkedHashMap<>();
        for (final String transport : List.of("udp", "udp-acked", "rudp", "rudp-async", "rudp-epoll", "rudp-64k",
            "rudp-epoll-64k", "tcp"))
        {
            final double[] values = new double[runs];
            final double[] cpuPerGb = new double[runs];
            for (int r = 0; r < runs; r++)
            {
                final Map<String, String> result = runPair(transport, "bulk", seconds, warmupSeconds, true);
                final double bytes = Double.parseDouble(result.get("bytes"));
                values[r] = bytes * 8 / Double.parseDouble(result.get("seconds")) / 1e6;
                cpuPerGb[r] = (Double.parseDouble(result.get("serverCpu")) + Double.parseDouble(result.get("clientCpu")))
                    / (bytes / 1e9);
            }
            results.put(transport, values);
            cpu.put(transport, cpuPerGb);
        }
        table(results, "udp", "%.0f");
        System.out.println("CPU seconds per GB moved, both processes (after the warm-up, JIT and GC included):");
        table(cpu, "udp", "%.1f");
    }

    private void pingPong() throws Exception
    {
        System.out.println("Ping-pong of " + Role.PING_BYTES + " B, round-trip µs (p50 / p99 / p99.9), " + pings + " pings per run:");
        final Map<String, double[][]> results = new LinkedHashMap<>();
        for (final String transport : List.of("udp", "tcp", "rudp", "rudp-spin", "rudp-epoll"))
        {
            final double[][] values = new double[3][runs];
            for (int r = 0; r < runs; r++)
            {
                final Map<String, String> result = runPair(transport, "pingpong", pings, 0, false);
                values[0][r] = Double.parseDouble(result.get("p50"));
                values[1][r] = Double.parseDouble(result.get("p99"));
                values[2][r] = Double.parseDouble(result.get("p999"));
            }
            results.put(transport, values);
        }
        final double udpP50 = median(results.get("udp")[0]);
        System.out.printf("  %-22s %-24s %-24s %-24s %s%n", "transport", "p50", "p99", "p99.9", "p50 / udp p50");
        for (final Map.Entry<String, double[][]> e : results.entrySet())
        {
            final double[][] v = e.getValue();
            System.out.printf("  %-22s %-24s %-24s %-24s %.2f%n", label(e.getKey()), cell(v[0], "%.1f"), cell(v[1], "%.1f"),
                cell(v[2], "%.1f"), median(v[0]) / udpP50);
        }
        System.out.println();
    }

    private void scale() throws Exception
    {
        System.out.println("Connection scale: " + connections + " connections to one server socket:");
        final Map<String, double[]> results = new LinkedHashMap<>();
        for (final String transport : List.of("nio", "epoll"))
        {
            for (int r = 0; r < runs; r++)
            {
                final Map<String, String> result = runScale(transport);
                for (final Map.Entry<String, String> e : result.entrySet())
                {
                    results.computeIfAbsent(transport + " " + e.getKey(), k -> new double[runs])[r] =
                        Double.parseDouble(e.getValue());
                }
            }
        }
        for (final Map.Entry<String, double[]> e : results.entrySet())
        {
            System.out.printf("  %-30s %s%n", e.getKey(), cell(e.getValue(), "%.3f"));
        }
        System.out.println();
    }

    private static String label(final String transport)
    {
        return switch (transport)
        {
            case "udp" -> "raw UDP";
            case "udp-acked" -> "raw UDP, 1 ACK per 2";
            case "tcp" -> "kernel TCP (NODELAY)";
            case "rudp" -> "rudp (blocking loop)";
            case "rudp-async" -> "rudp (loop callbacks)";
            case "rudp-spin" -> "rudp (busy-spin loop)";
            case "rudp-epoll" -> "rudp (epoll loop)";
            case "rudp-64k" -> "rudp 64 KiB, blocking";
            case "rudp-epoll-64k" -> "rudp 64 KiB, epoll";
            default -> transport;
        };
    }

    private static void table(final Map<String, double[]> results, final String baseline, final String format)
    {
        final double base = median(results.get(baseline));
        System.out.printf("  %-22s %-28s %s%n", "transport", "median (min - max)", "ratio to raw UDP");
        for (final Map.Entry<String, double[]> e : results.entrySet())
        {
            System.out.printf("  %-22s %-28s %.2f%n", e.getKey().equals("tcp") ? "kernel TCP" : label(e.getKey()),
                cell(e.getValue(), format), median(e.getValue()) / base);
        }
        System.out.println();
    }

    private static String cell(final double[] values, final String format)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(format + " (" + format + " - " + format + ")", median(values), sorted[0], sorted[sorted.length - 1]);
    }

    static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Starts the server JVM, waits for READY, runs the client JVM, and returns the RESULT fields. */
    private Map<String, String> runPair(final String transport, final String test, final long amount,
        final int warmupSeconds, final boolean resultFromServer) throws Exception
    {
        final int port = freePort();
        final Process server = java(Role.class.getName(), "server", transport, test, String.valueOf(port), "0",
            String.valueOf(warmupSeconds));
        final BufferedReader serverOut = reader(server);
        String line;
        while ((line = serverOut.readLine()) != null && !line.equals("READY"))
        {
            // wait for the server to listen
        }
        if (line == null)
        {
            throw new IllegalStateException(transport + " " + test + " server exited before it was ready");
        }
        final CompletableFuture<Map<String, String>> serverResult = CompletableFuture.supplyAsync(() -> resultOf(serverOut));
        final Process client = java(Role.class.getName(), "client", transport, test, String.valueOf(port), String.valueOf(amount),
            String.valueOf(warmupSeconds));
        final Map<String, String> clientResult = resultOf(reader(client));
        if (!client.waitFor(10, TimeUnit.MINUTES))
        {
            client.destroyForcibly();
        }
        if (!server.waitFor(resultFromServer ? 120 : 30, TimeUnit.SECONDS))
        {
            server.destroyForcibly(); // an echo server that outlived its client: its CPU time is not needed
        }
        final Map<String, String> fromServer = serverResult.get(1, TimeUnit.MINUTES);
        final Map<String, String> result = new LinkedHashMap<>(resultFromServer ? fromServer : clientResult);
        if (!result.containsKey(resultFromServer ? "bytes" : "p50"))
        {
            throw new IllegalStateException(transport + " " + test + " produced no result");
        }
        result.put("serverCpu", fromServer.getOrDefault("cpu", "NaN"));
        result.put("clientCpu", clientResult.getOrDefault("cpu", "NaN"));
        return result;
    }

    private Map<String, String> runScale(final String transport) throws Exception
    {
        final Process p = java(Scale.class.getName(), String.valueOf(connections), transport);
        final Map<String, String> result = resultOf(reader(p));
        p.waitFor(5, TimeUnit.MINUTES);
        return result;
    }

    private static Process java(final String mainClass, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx4g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader reader(final Process p)
    {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> resultOf(final BufferedReader in)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        try
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.startsWith("RESULT "))
                {
                    for (final String kv : line.substring(7).trim().split("\\s+"))
                    {
                        final int eq = kv.indexOf('=');
                        fields.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            }
        }
        catch (final java.io.IOException e)
        {
            throw new java.io.UncheckedIOException(e);
        }
        return fields;
    }

    /** A port free for both UDP and TCP on loopback right now. */
    private static int freePort() throws Exception
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try (DatagramChannel udp = DatagramChannel.open())
            {
                udp.bind(new InetSocketAddress(Role.LOOPBACK, 0));
                final int port = ((InetSocketAddress)udp.getLocalAddress()).getPort();
                try (ServerSocketChannel tcp = ServerSocketChannel.open())
                {
                    tcp.bind(new InetSocketAddress(Role.LOOPBACK, port));
                    return port;
                }
                catch (final java.io.IOException taken)
                {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free loopback port");
    }
}
