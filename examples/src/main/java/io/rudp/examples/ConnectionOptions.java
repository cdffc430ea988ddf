package io.rudp.examples;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.config.RudpConfigBuilder;
import io.rudp.epoll.EpollTransport;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.PcapCapture;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.nio.file.Path;

/** The connection options every echo and perf command takes, over the library's defaults. */
final class ConnectionOptions
{
    /** The size a {@code --pcap} file stops growing at. */
    static final long PCAP_MAX_BYTES = 1L << 30;

    @Option(names = "--idle-timeout", paramLabel = "S",
        description = "Let a connection go after S seconds with nothing from its peer (0: never; default 300).")
    Integer idleTimeoutSeconds;

    @Option(names = "--keepalive", paramLabel = "S",
        description = "Probe a connection idle for S seconds; also keeps NAT mappings alive (default: off).")
    Integer keepAliveSeconds;

    @Option(names = "--pmtu", paramLabel = "on|off", defaultValue = "on",
        description = "Path MTU discovery (default: ${DEFAULT-VALUE}).")
    String pmtu;

    @Option(names = "--base-mtu", paramLabel = "BYTES",
        description = "The datagram size path MTU discovery starts from (default 1200).")
    Integer baseMtuBytes;

    @Option(names = "--max-datagram", paramLabel = "BYTES",
        description = "The largest datagram sent or accepted (default 65507).")
    Integer maxDatagramBytes;

    @Option(names = "--transport", paramLabel = "nio|epoll", defaultValue = "nio",
        description = "The loop's transport: nio (portable) or epoll (Linux; batched system calls) (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--pcap", paramLabel = "FILE",
        description = "Write every segment of the socket to FILE as TCP/IP packets (pcap, at most 1 GiB).")
    Path pcap;

    /** A builder with these options applied; a bad value is an IllegalArgumentException naming the option. */
    RudpConfigBuilder builder()
    {
        final RudpConfigBuilder b = RudpConfig.builder();
        if (idleTimeoutSeconds != null)
        {
            require(idleTimeoutSeconds >= 0, "--idle-timeout must be 0 (never) or a number of seconds: " + idleTimeoutSeconds);
            b.idleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
        }
        if (keepAliveSeconds != null)
        {
            require(keepAliveSeconds > 0, "--keepalive must be a positive number of seconds: " + keepAliveSeconds);
            b.keepAlive(true).keepAliveIdle(Duration.ofSeconds(keepAliveSeconds));
        }
        require(pmtu.equals("on") || pmtu.equals("off"), "--pmtu must be on or off: " + pmtu);
        b.pathMtuDiscovery(pmtu.equals("on"));
        if (baseMtuBytes != null)
        {
            option("--base-mtu", () -> b.basePlpmtuBytes(baseMtuBytes));
        }
        if (maxDatagramBytes != null)
        {
            option("--max-datagram", () -> b.maxDatagramBytes(maxDatagramBytes));
        }
        return b;
    }

    RudpConfig config()
    {
        return builder().build();
    }

    /**
     * Starts a loop on the {@code --transport} asked for; a bad value, or epoll where it cannot run,
     * is an IllegalArgumentException naming the option.
     */
    RudpLoop startLoop()
    {
        require(transport.equals("nio") || transport.equals("epoll"), "--transport must be nio or epoll: " + transport);
        if (transport.equals("epoll"))
        {
            require(EpollTransport.isAvailable(), "--transport epoll cannot run here: " + EpollTransport.unavailabilityCause());
            return EpollTransport.start(LoopConfig.defaults());
        }
        return RudpLoop.start(LoopConfig.defaults());
    }

    /**
     * Starts the {@code --pcap} capture on {@code socket} if asked, flushed when the JVM exits.
     *
     * @return the capture, or null
     */
    PcapCapture capture(final RudpSocket socket)
    {
        if (pcap == null)
        {
            return null;
        }
        final PcapCapture capture;
        try
        {
            capture = socket.capture(pcap, PCAP_MAX_BYTES);
        }
        catch (final java.io.IOException e)
        {
            throw new IllegalArgumentException("--pcap: cannot write " + pcap + ": " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(capture::close, "pcap-flush"));
        return capture;
    }

    private static void require(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
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
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
