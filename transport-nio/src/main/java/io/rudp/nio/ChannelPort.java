package io.rudp.nio;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.ToIntFunction;

/**
 * A socket's datagrams in and out of its {@link DatagramChannel}, with what the operating system
 * says back turned into signals for the engine rather than exceptions: an ICMP port unreachable
 * (a connected socket sees it), EMSGSIZE (a datagram too big for the interface or a route MTU the
 * kernel learnt), other send errors (the datagram is lost as if on the wire, and counted).
 */
final class ChannelPort implements DatagramPort
{
    private final DatagramChannel channel;
    private SelectionKey key;
    private boolean portUnreachable;
    private TooBig tooBig;
    private volatile long sendErrors;

    ChannelPort(final DatagramChannel channel)
    {
        this.channel = channel;
    }

    /**
     * Opens a non-blocking UDP channel bound to {@code local}, with the loop's socket buffer sizes.
     * The wildcard address gets a dual-stack socket where the platform has one, so a client bound
     * with {@code new InetSocketAddress(0)} reaches IPv4 and IPv6 peers alike; a named address gets
     * its family.
     *
     * @param peer the one address the channel talks to (then ICMP errors are reported), or null
     * @param dontFragment whether datagrams go with DF set (path MTU discovery)
     */
    static ChannelPort open(final InetSocketAddress local, final InetSocketAddress peer, final LoopConfig config,
        final boolean dontFragment) throws IOException
    {
        final DatagramChannel channel = local.getAddress().isAnyLocalAddress() ? DatagramChannel.open()
            : DatagramChannel.open(local.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.socketReceiveBufferBytes());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.socketSendBufferBytes());
            if (config.reusePort())
            {
                if (!channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT))
                {
                    throw new UnsupportedOperationException("SO_REUSEPORT is not supported on this platform"
                        + " (LoopConfig.reusePort): bind one loop per port instead");
                }
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(local);
            if (dontFragment)
            {
                InterfaceMtu.setDontFragment(channel);
            }
            if (peer != null)
            {
                channel.connect(peer);
            }
            return new ChannelPort(channel);
        }
        catch (final IOException | RuntimeException e)
        {
            channel.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() throws IOException
    {
        return (InetSocketAddress)channel.getLocalAddress();
    }

    @Override
    public ToIntFunction<InetSocketAddress> pathCeiling() throws IOException
    {
        return InterfaceMtu.of(localAddress().getAddress());
    }

    /** Registers the channel with the loop's selector, for reading; {@code onReady} runs when it is ready. */
    void register(final Selector selector, final Runnable onReady) throws ClosedChannelException
    {
        key = channel.register(selector, SelectionKey.OP_READ, onReady);
    }

    /** Nothing held back (each send is a system call): only the interest in writability changes. */
    @Override
    public void flushed(final boolean blocked)
    {
        final int interest = blocked ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key != null && key.isValid() && key.interestOps() != interest)
        {
            key.interestOps(interest);
        }
    }

    @Override
    public boolean isOpen()
    {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException
    {
        if (key != null)
        {
            key.cancel();
        }
        channel.close();
    }

    /**
     * Reads one datagram into {@code dst}.
     *
     * @return who sent it, or null if nothing was waiting or what was read was an ICMP error
     *         ({@link #takePortUnreachable()} then says so)
     */
    @Override
    public InetSocketAddress receive(final ByteBuffer dst) throws IOException
    {
        try
        {
            return (InetSocketAddress)channel.receive(dst);
        }
        catch (final PortUnreachableException e)
        {
            portUnreachable = true; // a connected socket reports the ICMP error here
            return null;
        }
    }

    /**
     * Sends the bytes between {@code datagram}'s position and limit to {@code to}.
     *
     * @return false if the socket's send buffer is full (the caller keeps the datagram), true once
     *         it is gone: sent, or lost with an error noted
     */
    @Override
    public boolean send(final ByteBuffer datagram, final InetSocketAddress to)
    {
        try
        {
            return channel.send(datagram, to) > 0;
        }
        catch (final PortUnreachableException e)
        {
            portUnreachable = true; // handled after the transmit loop, outside the engine's iteration
            return true;
        }
        catch (final IOException e)
        {
            if (isMessageTooLong(e) && datagram.remaining() >= 4)
            {
                // EMSGSIZE: path MTU discovery hears of it after the transmit loop; the data is resent smaller.
                tooBig = new TooBig(to, datagram.getShort(datagram.position()) & 0xFFFF,
                    datagram.getShort(datagram.position() + 2) & 0xFFFF, datagram.remaining());
            }
            // The datagram is lost as if on the wire; the engine's retransmission covers it.
            sendErrors++;
            RudpLoop.LOG.log(System.Logger.Level.DEBUG, () -> "send to " + to + " failed: " + e);
            return true;
        }
    }

    /** EMSGSIZE, as the JDK reports it: a SocketException whose message is the C library's. */
    private static boolean isMessageTooLong(final IOException e)
    {
        return e instanceof SocketException && e.getMessage() != null && e.getMessage().contains("Message too long");
    }

    /** {@return whether an ICMP port unreachable arrived since the last call} */
    @Override
    public boolean takePortUnreachable()
    {
        final boolean was = portUnreachable;
        portUnreachable = false;
        return was;
    }

    /** {@return the last datagram refused as too big since the last call, or null} */
    @Override
    public TooBig takeTooBig()
    {
        final TooBig taken = tooBig;
        tooBig = null;
        return taken;
    }

    @Override
    public long sendErrors()
    {
        return sendErrors;
    }
}
