package io.rudp.benchmarks.compare;

import io.rudp.nio.IdleMode;

import java.net.InetAddress;

/**
 * One side of one comparison, run in its own JVM by {@link Compare}:
 * {@code Role <server|client> <udp|tcp|rudp|rudp-spin> <bulk|pingpong> <port> [seconds|count]}.
 * A server prints {@code READY} once listening and, for bulk, {@code RESULT bytes=N seconds=S}; a
 * ping-pong client prints {@code RESULT p50=… p99=… p999=…} in microseconds. Loopback only.
 */
public final class Role
{
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Same payload per datagram for every transport: rudp's data bytes per full segment. */
    static final int DATAGRAM_PAYLOAD = 1432;
    static final int PING_BYTES = 64;
    static final int WARMUP_PINGS = 20_000;

    private Role()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final boolean server = args[0].equals("server");
        final String transport = args[1];
        final String test = args[2];
        final int port = Integer.parseInt(args[3]);
        final long amount = args.length > 4 ? Long.parseLong(args[4]) : 0;
        final String key = test + "/" + transport.replace("-spin", "");
        switch (key)
        {
            case "bulk/udp" -> { if (server) BulkRoles.udpBulkServer(port); else BulkRoles.udpBulkClient(port, amount); }
            case "bulk/tcp" -> { if (server) BulkRoles.tcpBulkServer(port); else BulkRoles.tcpBulkClient(port, amount); }
            case "bulk/rudp" -> { if (server) BulkRoles.rudpBulkServer(port); else BulkRoles.rudpBulkClient(port, amount); }
            case "bulk/rudp-async" -> { if (server) BulkRoles.rudpAsyncBulkServer(port); else BulkRoles.rudpAsyncBulkClient(port, amount); }
            case "pingpong/udp" -> { if (server) PingRoles.udpEchoServer(port); else PingRoles.udpPingClient(port, amount); }
            case "pingpong/tcp" -> { if (server) PingRoles.tcpEchoServer(port); else PingRoles.tcpPingClient(port, amount); }
            case "pingpong/rudp" -> { if (server) PingRoles.rudpEchoServer(port, idle(transport)); else PingRoles.rudpPingClient(port, amount, idle(transport)); }
            default -> throw new IllegalArgumentException("unknown combination: " + String.join(" ", args));
        }
        System.out.flush();
        System.exit(0);
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
