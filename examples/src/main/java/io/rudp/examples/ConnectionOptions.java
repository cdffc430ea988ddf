package io.rudp.examples;

import io.rudp.core.config.RudpConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The connection options every example command takes, over the library's defaults:
 * <ul>
 *   <li>{@code --idle-timeout S}: let a connection go after S seconds with nothing from its peer
 *       (0 never; default 300);</li>
 *   <li>{@code --keepalive S}: probe a connection idle for S seconds, which also keeps NAT mappings
 *       alive (off unless given);</li>
 *   <li>{@code --pmtu on|off}: path MTU discovery (default on);</li>
 *   <li>{@code --base-mtu BYTES}: the datagram size discovery starts from (default 1200);</li>
 *   <li>{@code --max-datagram BYTES}: the largest datagram sent or accepted (default 65507);</li>
 *   <li>{@code --pcap FILE}: capture the socket's segments as TCP/IP packets into a pcap file
 *       (at most 1 GiB), for Wireshark or tshark with no script.</li>
 * </ul>
 */
final class ConnectionOptions
{
    static final Set<String> OPTIONS = Set.of("idle-timeout", "keepalive", "pmtu", "base-mtu", "max-datagram", "pcap");
    /** The size a {@code --pcap} file stops growing at. */
    static final long PCAP_MAX_BYTES = 1L << 30;

    private ConnectionOptions()
    {
    }

    /** A builder with the options given in {@code args} applied. */
    static RudpConfig.Builder builder(final Args args)
    {
        final RudpConfig.Builder b = RudpConfig.builder();
        if (args.get("idle-timeout", null) != null)
        {
            final int idle = args.intValue("idle-timeout", 0);
            if (idle < 0)
            {
                throw new IllegalArgumentException("--idle-timeout must be 0 (never) or a number of seconds: " + idle);
            }
            b.idleTimeout(idle, TimeUnit.SECONDS);
        }
        final int keepAlive = args.intValue("keepalive", 0);
        if (keepAlive < 0)
        {
            throw new IllegalArgumentException("--keepalive must be a positive number of seconds: " + keepAlive);
        }
        if (keepAlive > 0)
        {
            b.keepAlive(true).keepAliveIdle(keepAlive, TimeUnit.SECONDS);
        }
        final String pmtu = args.get("pmtu", "on");
        if (!pmtu.equals("on") && !pmtu.equals("off"))
        {
            throw new IllegalArgumentException("--pmtu must be on or off: " + pmtu);
        }
        b.pathMtuDiscovery(pmtu.equals("on"));
        if (args.get("base-mtu", null) != null)
        {
            option("base-mtu", () -> b.basePlpmtuBytes(args.intValue("base-mtu", 0)));
        }
        if (args.get("max-datagram", null) != null)
        {
            option("max-datagram", () -> b.maxDatagramBytes(args.intValue("max-datagram", 0)));
        }
        return b;
    }

    static RudpConfig config(final Args args)
    {
        return builder(args).build();
    }

    /** Runs a builder setter, naming the option in its complaint. */
    private static void option(final String name, final Runnable setter)
    {
        try
        {
            setter.run();
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the {@code --pcap} capture on {@code socket} if asked, flushed when the JVM exits.
     *
     * @return the capture, or null
     */
    static io.rudp.nio.PcapCapture capture(final Args args, final io.rudp.nio.RudpSocket socket)
        throws java.io.IOException
    {
        final String file = args.get("pcap", null);
        if (file == null)
        {
            return null;
        }
        final io.rudp.nio.PcapCapture capture;
        try
        {
            capture = socket.capture(java.nio.file.Path.of(file), PCAP_MAX_BYTES);
        }
        catch (final java.io.IOException e)
        {
            throw new IllegalArgumentException("--pcap: cannot write " + file + ": " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(capture::close, "pcap-flush"));
        return capture;
    }

    /** These options and {@code options}. */
    static Set<String> with(final String... options)
    {
        final Set<String> all = new HashSet<>(OPTIONS);
        all.addAll(List.of(options));
        return all;
    }
}
