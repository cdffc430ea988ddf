package io.rudp.epoll;

import io.netty.channel.epoll.Epoll;
import io.rudp.nio.LoopBackend;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpLoop;

/**
 * rudp's Linux-native transport: the same {@link RudpLoop}, sockets and connections as the NIO
 * transport, run on a Netty epoll event loop, which reads datagrams as the kernel coalesced them
 * (UDP GRO; {@code recvmmsg} batches where the kernel has no GRO) and sends each turn's datagrams in
 * batches ({@code sendmmsg}, with runs of equal datagrams to one peer as one UDP GSO write).
 *
 * <pre>{@code
 * RudpLoop loop = EpollTransport.isAvailable()
 *     ? EpollTransport.start(LoopConfig.defaults())
 *     : RudpLoop.start(LoopConfig.defaults());
 * }</pre>
 *
 * Only on Linux with Netty's native epoll library for the platform: this module brings the
 * {@code linux-x86_64} one; on ARM add {@code io.netty:netty-transport-native-epoll} with the
 * classifier {@code linux-aarch_64}. Elsewhere {@link #isAvailable()} is false and {@link #start}
 * says why.
 */
public final class EpollTransport
{
    private EpollTransport()
    {
    }

    /** {@return whether the epoll transport can run here} */
    public static boolean isAvailable()
    {
        return Epoll.isAvailable();
    }

    /** {@return why the epoll transport cannot run here, or null if it can} */
    public static Throwable unavailabilityCause()
    {
        return Epoll.unavailabilityCause();
    }

    /**
     * {@return the backend that makes a {@link RudpLoop} run on epoll, for {@link RudpLoop#start(LoopConfig, LoopBackend.Factory)}}
     *
     * @throws UnsupportedOperationException if epoll is not available here (the message says why)
     */
    public static LoopBackend.Factory backend()
    {
        if (!isAvailable())
        {
            throw new UnsupportedOperationException("the epoll transport needs Linux and Netty's native epoll"
                + " library for this platform: " + unavailabilityCause() + "; use RudpLoop.start (NIO) instead",
                unavailabilityCause());
        }
        return EpollBackend::new;
    }

    /**
     * Starts a loop on epoll.
     *
     * @param config the loop's settings ({@link LoopConfig#idleMode()} does not apply: the loop
     *               sleeps in {@code epoll_wait} between turns)
     * @return the running loop; close it to stop it
     * @throws UnsupportedOperationException if epoll is not available here (the message says why)
     */
    public static RudpLoop start(final LoopConfig config)
    {
        return RudpLoop.start(config, backend());
    }
}
