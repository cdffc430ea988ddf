package io.rudp.examples;

import io.rudp.nio.ConnectionStats;
import io.rudp.nio.RudpConnection;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What {@code perf-client} prints: interval lines and a summary, as text like iperf3's or as JSON
 * lines (one object per line: {@code start}, each {@code interval}, then {@code end}).
 */
final class PerfReport
{
    /** One stream's share of one interval. */
    record Row(int id, long bytes, double bitsPerSecond, long retransmits, long cwndBytes, long srttNs, long pacingRate,
        int pathMtu, long peerWindowBytes)
    {
    }

    /** One interval: each stream's row and their sum. */
    record Interval(double startSeconds, double endSeconds, List<Row> rows, Row sum)
    {
    }

    private final boolean json;
    private final int parallel;
    private final boolean reverse;

    PerfReport(final boolean json, final int parallel, final boolean reverse)
    {
        this.json = json;
        this.parallel = parallel;
        this.reverse = reverse;
    }

    void start(final InetSocketAddress server, final long bytes, final Integer timeSeconds)
    {
        final String what = timeSeconds != null ? "for " + timeSeconds + " s" : PerfStream.human(bytes);
        if (json)
        {
            System.out.printf(Locale.ROOT, "{\"event\":\"start\",\"server\":\"%s\",\"direction\":\"%s\",\"streams\":%d,"
                    + "\"bytes_per_stream\":%d,\"time_s\":%d}%n", server.getHostString() + ':' + server.getPort(), reverse ? "reverse" : "forward", parallel,
                Math.max(bytes, 0), timeSeconds == null ? 0 : timeSeconds);
            return;
        }
        System.out.println("perf-client: " + (reverse ? "receiving " : "sending ") + what + (parallel > 1 ? " on each of "
            + parallel + " streams" : "") + (reverse ? " from " : " to ") + server);
        System.out.println("[ id] interval        transfer       goodput         retrans  cwnd        srtt      pacing        pmtu   peer window");
    }

    /** Takes interval samples of {@code connections}, printing each. */
    Sampler sampler(final List<RudpConnection> connections, final long startNs)
    {
        return new Sampler(connections, startNs);
    }

    final class Sampler
    {
        private final List<RudpConnection> connections;
        private final long startNs;
        private final long[] lastBytes;
        private final long[] lastRetransmits;
        private long lastNs;
        private long totalBytes;
        private long totalRetransmits;

        private Sampler(final List<RudpConnection> connections, final long startNs)
        {
            this.connections = connections;
            this.startNs = startNs;
            this.lastBytes = new long[connections.size()];
            this.lastRetransmits = new long[connections.size()];
            this.lastNs = startNs;
        }

        synchronized Interval sample() throws Exception
        {
            final long nowNs = System.nanoTime();
            final double seconds = (nowNs - lastNs) / 1e9;
            final List<Row> rows = new ArrayList<>();
            long sumBytes = 0;
            long sumRetransmits = 0;
            long sumCwnd = 0;
            long sumSrtt = 0;
            long sumPacing = 0;
            for (int i = 0; i < connections.size(); i++)
            {
                final ConnectionStats s = connections.get(i).stats().get(1, TimeUnit.SECONDS);
                final long progress = reverse ? s.bytesReceived() : s.bytesAcked();
                final long bytes = progress - lastBytes[i];
                final long retransmits = s.retransmits() - lastRetransmits[i];
                lastBytes[i] = progress;
                lastRetransmits[i] = s.retransmits();
                rows.add(new Row(i + 1, bytes, bytes * 8 / seconds, retransmits, s.cwndBytes(), s.srttNs(),
                    s.pacingRateBytesPerSecond(), s.pathMtuBytes(), s.peerWindowBytes()));
                sumBytes += bytes;
                sumRetransmits += retransmits;
                sumCwnd += s.cwndBytes();
                sumSrtt += Math.max(0, s.srttNs());
                sumPacing += s.pacingRateBytesPerSecond();
            }
            totalBytes += sumBytes;
            totalRetransmits += sumRetransmits;
            final Row sum = new Row(0, sumBytes, sumBytes * 8 / seconds, sumRetransmits, sumCwnd,
                sumSrtt / connections.size(), sumPacing, rows.get(0).pathMtu(), rows.get(0).peerWindowBytes());
            final Interval interval = new Interval((lastNs - startNs) / 1e9, (nowNs - startNs) / 1e9, rows, sum);
            lastNs = nowNs;
            print(interval);
            return interval;
        }

        /** Bytes and retransmits over every interval so far, and the seconds they took. */
        synchronized long[] totals()
        {
            return new long[] {totalBytes, totalRetransmits, lastNs - startNs};
        }
    }

    private void print(final Interval interval)
    {
        if (json)
        {
            final StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "{\"event\":\"interval\",\"start_s\":%.3f,\"end_s\":%.3f,\"streams\":[",
                interval.startSeconds(), interval.endSeconds()));
            for (int i = 0; i < interval.rows().size(); i++)
            {
                sb.append(i == 0 ? "" : ",").append(jsonRow(interval.rows().get(i)));
            }
            sb.append("],\"sum\":").append(jsonRow(interval.sum())).append('}');
            System.out.println(sb);
            return;
        }
        if (parallel > 1)
        {
            for (final Row row : interval.rows())
            {
                System.out.println(textRow(String.format("[%3d]", row.id()), interval, row));
            }
        }
        System.out.println(textRow(parallel > 1 ? "[SUM]" : "[  1]", interval, parallel > 1 ? interval.sum() : interval.rows().get(0)));
    }

    private static String textRow(final String id, final Interval interval, final Row row)
    {
        return String.format(Locale.ROOT, "%s %5.1f-%5.1f s  %-14s %8.1f Mbit/s %7d  %-10s  %-8s  %-12s  %-5d  %s", id,
            interval.startSeconds(), interval.endSeconds(), PerfStream.human(row.bytes()), row.bitsPerSecond() / 1e6,
            row.retransmits(), PerfStream.human(row.cwndBytes()), String.format(Locale.ROOT, "%.2f ms", row.srttNs() / 1e6),
            String.format(Locale.ROOT, "%.1f Mbit/s", row.pacingRate() * 8 / 1e6), row.pathMtu(),
            PerfStream.human(row.peerWindowBytes()));
    }

    private static String jsonRow(final Row row)
    {
        return String.format(Locale.ROOT, "{\"id\":%d,\"bytes\":%d,\"bits_per_second\":%.0f,\"retransmits\":%d,"
                + "\"cwnd_bytes\":%d,\"srtt_us\":%d,\"pacing_bytes_per_second\":%d,\"pmtu\":%d,\"peer_window_bytes\":%d}",
            row.id(), row.bytes(), row.bitsPerSecond(), row.retransmits(), row.cwndBytes(), row.srttNs() / 1000,
            row.pacingRate(), row.pathMtu(), row.peerWindowBytes());
    }

    /** The summary of a finished run; returns whether every stream's SHA-256 matched. */
    boolean end(final List<PerfProtocol.Result> results, final List<ConnectionStats> stats, final double seconds)
    {
        long bytes = 0;
        long retransmits = 0;
        long timeouts = 0;
        boolean allMatched = true;
        for (int i = 0; i < results.size(); i++)
        {
            bytes += results.get(i).bytes();
            retransmits += stats.get(i).retransmits();
            timeouts += stats.get(i).timeouts();
            allMatched &= results.get(i).matched();
        }
        final ConnectionStats first = stats.get(0);
        if (json)
        {
            final StringBuilder streams = new StringBuilder();
            for (int i = 0; i < results.size(); i++)
            {
                final PerfProtocol.Result r = results.get(i);
                streams.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"id\":%d,\"bytes\":%d,\"seconds\":%.3f,\"sha256\":\"%s\",\"sha256_match\":%b,\"retransmits\":%d}",
                    i + 1, r.bytes(), r.seconds(), PerfStream.hex(r.digest()), r.matched(), stats.get(i).retransmits()));
            }
            System.out.printf(Locale.ROOT, "{\"event\":\"end\",\"seconds\":%.3f,\"bytes\":%d,\"bits_per_second\":%.0f,"
                    + "\"retransmits\":%d,\"timeouts\":%d,\"congestion_control\":\"%s\",\"pmtu\":%d,\"sha256_match\":%b,"
                    + "\"streams\":[%s]}%n", seconds, bytes, bytes * 8 / seconds, retransmits, timeouts,
                first.congestionControl(), first.pathMtuBytes(), allMatched, streams);
            return allMatched;
        }
        if (results.size() > 1)
        {
            for (int i = 0; i < results.size(); i++)
            {
                final PerfProtocol.Result r = results.get(i);
                System.out.printf(Locale.ROOT, "perf-client: [%3d] %s in %.2f s = %.1f Mbit/s; SHA-256 %s%n", i + 1,
                    PerfStream.human(r.bytes()), r.seconds(), r.bytes() * 8 / r.seconds() / 1e6,
                    r.matched() ? "matches" : "MISMATCH");
            }
        }
        System.out.printf(Locale.ROOT, "perf-client: %s %s in %.2f s = %.1f Mbit/s goodput with %s; %d retransmits"
                + " (%d spurious), %d tail-loss probes, %d timeouts; %d-byte datagrams (%d MTU probes, %d lost);"
                + " SHA-256 %s%s%n", reverse ? "received" : "sent", PerfStream.human(bytes), seconds,
            bytes * 8 / seconds / 1e6, first.congestionControl(), retransmits, first.spuriousRetransmits(),
            first.tailLossProbes(), timeouts, first.pathMtuBytes(), first.mtuProbesSent(), first.mtuProbesLost(),
            allMatched ? "matches" : "MISMATCH", results.size() == 1 ? " (" + PerfStream.hex(results.get(0).digest()) + ")" : "");
        return allMatched;
    }

    /** The summary when the run is cut short (Ctrl-C): what the intervals saw. */
    void interrupted(final long[] totals)
    {
        final double seconds = Math.max(1e-9, totals[2] / 1e9);
        if (json)
        {
            System.out.printf(Locale.ROOT, "{\"event\":\"end\",\"interrupted\":true,\"seconds\":%.3f,\"bytes\":%d,"
                + "\"bits_per_second\":%.0f,\"retransmits\":%d}%n", seconds, totals[0], totals[0] * 8 / seconds, totals[1]);
            return;
        }
        System.out.printf(Locale.ROOT, "perf-client: interrupted after %.2f s: %s = %.1f Mbit/s goodput, %d retransmits"
            + " (no SHA-256 check)%n", seconds, PerfStream.human(totals[0]), totals[0] * 8 / seconds / 1e6, totals[1]);
    }
}
