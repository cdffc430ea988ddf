package io.rudp.examples;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.ConnectionStats;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code perf-client --host H --port P (--bytes N[K|M|G] | --time S) [--cc newreno|cubic|bbr]} and the
 * {@link ConnectionOptions}: sends a
 * perf stream of a size or for a time, printing one line a second (bytes acknowledged, goodput, retransmits, cwnd, srtt) like
 * iperf3, then a summary and whether the server's SHA-256 matched. Exits non-zero on a mismatch or
 * an error. {@code --cc} picks the sender's congestion controller (default: the library's, BBR).
 */
final class PerfClient
{
    private PerfClient()
    {
    }

    static int run(final String[] argv) throws Exception
    {
        final Args args = new Args(argv, Set.of(), ConnectionOptions.with("host", "port", "bytes", "time", "seed", "cc"));
        final String host = args.get("host", "127.0.0.1");
        final int port = args.requiredInt("port");
        final long timeSeconds = args.intValue("time", 0);
        if (timeSeconds < 0 || (timeSeconds > 0 && args.get("bytes", null) != null))
        {
            throw new IllegalArgumentException(timeSeconds < 0 ? "--time must be positive: " + timeSeconds
                : "--bytes and --time exclude each other: give one");
        }
        final long total = timeSeconds > 0 ? PerfStream.UNTIL_CLOSED : args.bytes("bytes", 100L << 20);
        final PerfStream stream = new PerfStream(args.intValue("seed", 7));
        final RudpConfig.Builder config = ConnectionOptions.builder(args);
        final String cc = args.get("cc", null);
        if (cc != null)
        {
            config.congestionControl(cc); // an unknown name fails here, naming the accepted ones
        }
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket socket = loop.bindConnected(new InetSocketAddress(host, port), // connected: an ICMP port unreachable is seen
                config.build());
            ConnectionOptions.capture(args, socket);
            final RudpConnection c = socket.connect(new InetSocketAddress(host, port), port,
                java.time.Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            System.out.println("perf-client: sending " + (timeSeconds > 0 ? "for " + timeSeconds + " s"
                : PerfStream.human(total)) + " to " + c.remoteAddress());
            System.out.println("[ interval ]   acked          goodput        retransmits  cwnd        srtt      pacing        peer window");
            final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread t = new Thread(r, "perf-interval");
                t.setDaemon(true);
                return t;
            });
            final long startNs = System.nanoTime();
            final long[] last = {0, 0, startNs};
            ticker.scheduleAtFixedRate(() -> printInterval(c, startNs, last), 1, 1, TimeUnit.SECONDS);

            final MessageDigest digest = PerfStream.sha256();
            final DataOutputStream out = new DataOutputStream(c.outputStream());
            out.writeLong(total);
            final long stopNs = startNs + TimeUnit.SECONDS.toNanos(timeSeconds);
            long sent = 0;
            for (long block = 0; timeSeconds > 0 ? System.nanoTime() - stopNs < 0 : sent < total; block++)
            {
                final byte[] bytes = stream.block(block);
                final int n = (int)Math.min(bytes.length, timeSeconds > 0 ? bytes.length : total - sent);
                digest.update(bytes, 0, n);
                out.write(bytes, 0, n);
                sent += n;
            }
            final byte[] ours = digest.digest();
            out.write(ours);
            out.close(); // half-close: the server's verdict comes back

            final DataInputStream in = new DataInputStream(c.inputStream());
            final boolean serverMatched = in.readUnsignedByte() == 1;
            final byte[] theirs = new byte[PerfStream.DIGEST_BYTES];
            in.readFully(theirs);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            ticker.shutdownNow();
            final ConnectionStats stats = c.stats().get(5, TimeUnit.SECONDS);
            c.close();
            final boolean matched = serverMatched && Arrays.equals(ours, theirs);
            System.out.printf("perf-client: %s in %.2f s = %.1f Mbit/s goodput with %s; %d retransmits (%d spurious),"
                    + " %d tail-loss probes, %d timeouts; %d-byte datagrams (%d MTU probes, %d lost); SHA-256 %s (%s)%n",
                PerfStream.human(sent), seconds, sent * 8 / seconds / 1e6, stats.congestionControl(), stats.retransmits(),
                stats.spuriousRetransmits(), stats.tailLossProbes(), stats.timeouts(), stats.pathMtuBytes(),
                stats.mtuProbesSent(), stats.mtuProbesLost(), matched ? "matches" : "MISMATCH", PerfStream.hex(ours));
            return matched ? 0 : 1;
        }
    }

    private static void printInterval(final RudpConnection c, final long startNs, final long[] last)
    {
        try
        {
            final ConnectionStats s = c.stats().get(1, TimeUnit.SECONDS);
            final long nowNs = System.nanoTime();
            final double seconds = (nowNs - last[2]) / 1e9;
            final long acked = s.bytesAcked() - last[0];
            System.out.printf("[%4.1f-%4.1f s] %-14s %8.1f Mbit/s %8d    %-10s  %-8s  %-12s  %s%n",
                (last[2] - startNs) / 1e9, (nowNs - startNs) / 1e9, PerfStream.human(acked), acked * 8 / seconds / 1e6,
                s.retransmits() - last[1], PerfStream.human(s.cwndBytes()), String.format("%.2f ms", s.srttNs() / 1e6),
                String.format("%.1f Mbit/s", s.pacingRateBytesPerSecond() * 8 / 1e6), PerfStream.human(s.peerWindowBytes()));
            last[0] = s.bytesAcked();
            last[1] = s.retransmits();
            last[2] = nowNs;
        }
        catch (final Exception e)
        {
            // the connection is finishing; the summary says the rest
        }
    }
}
