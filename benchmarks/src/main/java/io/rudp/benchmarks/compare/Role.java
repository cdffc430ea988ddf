package io.rudp.benchmarks.compare;

import io.rudp.core.config.RudpConfig;
import io.rudp.epoll.EpollTransport;
import io.rudp.nio.IdleMode;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpLoop;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * One side of one comparison, run in its own JVM by {@link Compare}:
 * {@code Role <server|client> <udp|udp-acked|tcp|rudp|rudp-spin|rudp-epoll|rudp-async|rudp-64k|rudp-epoll-64k> <bulk|pingpong> <port> [seconds|count [warmup-seconds]]}.
 * A server prints {@code READY} once listening and, for bulk, {@code RESULT bytes=N seconds=S}
 * (after the warm-up, see {@link MeasuredWindow}); a ping-pong client prints
 * {@code RESULT p50=… p99=… p999=…} in microseconds; every role ends with {@code RESULT cpu=S},
 * its process's CPU seconds (for bulk, from the end of the warm-up). Loopback only.
 */
public final class Role
{
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Same payload per datagram for every transport: rudp's data bytes per full segment. */
    static final int DATAGRAM_PAYLOAD = 1432;
    static final int PING_BYTES = 64;
    static final int WARMUP_PINGS = 20_000;

    /** Whether this role's rudp loops run on epoll (a {@code -epoll} transport) rather than NIO. */
    private static boolean epoll;
    /** Whether rudp sends datagrams as large as loopback carries (a {@code -64k} transport), its default there. */
    private static boolean largeDatagrams;
    /** How long a bulk run goes before it is measured. */
    private static long warmupNs;
    /** The process's CPU time where the measured part began: the start, or the end of the warm-up. */
    private static volatile double cpuAtMarkSeconds;

    private Role()
    {
    }

    /**
     * rudp's datagrams in the bulk test: as large as raw UDP's ({@link #DATAGRAM_PAYLOAD} data
     * bytes, plus rudp's 20-byte header and 20 bytes of options), so both move the same number of
     * datagrams per byte. Left to itself on loopback, rudp would send 64 KiB datagrams.
     */
    static final int RUDP_DATAGRAM_BYTES = DATAGRAM_PAYLOAD + 40;

    /** The largest UDP payload loopback carries (its MTU is 64 KiB): rudp's datagrams there, left to itself. */
    static final int LOOPBACK_DATAGRAM_BYTES = 65_507;

    /**
     * {@return rudp's settings for the bulk test: datagrams of {@link #RUDP_DATAGRAM_BYTES}, or of
     * {@link #LOOPBACK_DATAGRAM_BYTES} for a {@code -64k} transport}
     */
    static RudpConfig bulkConfig()
    {
        return RudpConfig.builder().maxDatagramBytes(largeDatagrams ? LOOPBACK_DATAGRAM_BYTES : RUDP_DATAGRAM_BYTES).build();
    }

    /** {@return a loop on the transport this role measures} */
    static RudpLoop startLoop(final LoopConfig config)
    {
        return epoll ? EpollTransport.start(config) : RudpLoop.start(config);
    }

    public static void main(final String[] args) throws Exception
    {
        cpuAtMarkSeconds = cpuSeconds();
        final boolean server = args[0].equals("server");
        final String transport = args[1];
        final String test = args[2];
        final int port = Integer.parseInt(args[3]);
        final long amount = args.length > 4 ? Long.parseLong(args[4]) : 0;
        warmupNs = TimeUnit.SECONDS.toNanos(args.length > 5 ? Long.parseLong(args[5]) : 0);
        largeDatagrams = transport.endsWith("-64k");
        final String variant = transport.replace("-64k", "");
        epoll = variant.endsWith("-epoll");
        final String key = test + "/" + variant.replace("-spin", "").replace("-epoll", "");
        switch (key)
        {
            case "bulk/udp" -> { if (server) BulkRoles.udpBulkServer(port, false); else BulkRoles.udpBulkClient(port, amount, false); }
            case "bulk/udp-acked" -> { if (server) BulkRoles.udpBulkServer(port, true); else BulkRoles.udpBulkClient(port, amount, true); }
            case "bulk/tcp" -> { if (server) BulkRoles.tcpBulkServer(port); else BulkRoles.tcpBulkClient(port, amount); }
            case "bulk/rudp" -> { if (server) BulkRoles.rudpBulkServer(port); else BulkRoles.rudpBulkClient(port, amount); }
            case "bulk/rudp-async" -> { if (server) BulkRoles.rudpAsyncBulkServer(port); else BulkRoles.rudpAsyncBulkClient(port, amount); }
            case "pingpong/udp" -> { if (server) PingRoles.udpEchoServer(port); else PingRoles.udpPingClient(port, amount); }
            case "pingpong/tcp" -> { if (server) PingRoles.tcpEchoServer(port); else PingRoles.tcpPingClient(port, amount); }
            case "pingpong/rudp" -> { if (server) PingRoles.rudpEchoServer(port, idle(transport)); else PingRoles.rudpPingClient(port, amount, idle(transport)); }
            default -> throw new IllegalArgumentException("unknown combination: " + String.join(" ", args));
        }
        // The process's CPU time over the measured part, every thread (JIT and GC included), user and system.
        result(String.format("cpu=%.3f", cpuSeconds() - cpuAtMarkSeconds));
        System.out.flush();
        System.exit(0);
    }

    /** {@return this process's CPU time so far, all threads, in seconds} */
    private static double cpuSeconds()
    {
        return ((com.sun.management.OperatingSystemMXBean)java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** {@return how long a bulk run goes before it is measured} */
    static long warmupNs()
    {
        return warmupNs;
    }

    /** The warm-up is over: the process's CPU time counts from here. */
    static void warmedUp()
    {
        cpuAtMarkSeconds = cpuSeconds();
    }

    private static IdleMode idle(final String transport)
    {
        return transport.endsWith("-spin") ? IdleMode.BUSY_SPIN : IdleMode.BLOCKING;
    }

    static void result(final String text)
    {
        System.out.println("RESULT " + text);
    }
}
