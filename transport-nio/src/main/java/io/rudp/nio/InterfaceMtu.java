package io.rudp.nio;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.DatagramChannel;
import java.util.Enumeration;
import java.util.function.ToIntFunction;

/**
 * Path MTU discovery's ceiling for one socket: the largest datagram the local interface toward a
 * peer carries, less the IP and UDP headers (28 bytes over IPv4, 48 over IPv6). Java cannot ask
 * the routing table which interface reaches a peer, so: a loopback peer goes over the loopback
 * interface (65,536 bytes on Linux); any other over the interface the socket is bound to, or, for
 * a wildcard socket, the largest MTU of the interfaces that are up (a 1500-byte Ethernet gives 1472).
 * The interfaces are read once, when the socket is bound. Discovery finds the path's MTU below it.
 * Public for transports ({@link DatagramPort#pathCeiling()}); applications never need it.
 */
public final class InterfaceMtu implements ToIntFunction<InetSocketAddress>
{
    private static final int IPV4_UDP_HEADER_BYTES = 28;
    private static final int IPV6_UDP_HEADER_BYTES = 48;
    /** When no interface says (no network at all): an Ethernet's. */
    private static final int FALLBACK_MTU = 1500;
    private static final int FALLBACK_LOOPBACK_MTU = 65_536;

    private final int loopbackMtu;
    private final int otherMtu;

    private InterfaceMtu(final int loopbackMtu, final int otherMtu)
    {
        this.loopbackMtu = loopbackMtu;
        this.otherMtu = otherMtu;
    }

    /**
     * The ceilings for a socket bound to {@code bound}.
     *
     * @param bound the address bound (the wildcard address for any interface)
     * @return the ceiling per peer
     */
    public static InterfaceMtu of(final InetAddress bound)
    {
        final int loopback = mtuOf(InetAddress.getLoopbackAddress(), FALLBACK_LOOPBACK_MTU);
        final int other = bound.isAnyLocalAddress() || bound.isLoopbackAddress()
            ? largestUpMtu() : mtuOf(bound, FALLBACK_MTU);
        return new InterfaceMtu(loopback, other);
    }

    /**
     * {@return the largest UDP payload toward {@code remote} the local interface carries}
     *
     * @param remote the peer
     */
    @Override
    public int applyAsInt(final InetSocketAddress remote)
    {
        final InetAddress address = remote.getAddress();
        final int mtu = address != null && address.isLoopbackAddress() ? loopbackMtu : otherMtu;
        final int headers = address instanceof Inet4Address ? IPV4_UDP_HEADER_BYTES : IPV6_UDP_HEADER_BYTES;
        return mtu - headers;
    }

    private static int mtuOf(final InetAddress address, final int fallback)
    {
        try
        {
            final NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            final int mtu = nif == null ? -1 : nif.getMTU();
            return mtu > 0 ? mtu : fallback;
        }
        catch (final SocketException e)
        {
            return fallback;
        }
    }

    private static int largestUpMtu()
    {
        int largest = -1;
        try
        {
            final Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements())
            {
                final NetworkInterface nif = all.nextElement();
                if (nif.isUp() && !nif.isLoopback())
                {
                    largest = Math.max(largest, nif.getMTU());
                }
            }
        }
        catch (final SocketException e)
        {
            return FALLBACK_MTU;
        }
        return largest > 0 ? largest : FALLBACK_MTU;
    }

    /**
     * Sets the don't-fragment bit on the socket's datagrams where the JDK can (Java 19 and later:
     * {@code jdk.net.ExtendedSocketOptions.IP_DONTFRAGMENT}, looked up by name so that rudp still
     * runs on 17). With it, a probe too big for a hop is dropped, as discovery expects, and one too
     * big for the interface fails with EMSGSIZE. Without it (Java 17), the kernel fragments datagrams
     * larger than a hop, so a probe can "succeed" in fragments: the transfer still works, in
     * fragmented datagrams, where a too-small PMTU would be the better choice.
     *
     * @return whether the option was set
     */
    static boolean setDontFragment(final DatagramChannel channel)
    {
        try
        {
            final Class<?> options = Class.forName("jdk.net.ExtendedSocketOptions");
            final Field field = options.getField("IP_DONTFRAGMENT");
            @SuppressWarnings("unchecked")
            final SocketOption<Boolean> dontFragment = (SocketOption<Boolean>)field.get(null);
            if (!channel.supportedOptions().contains(dontFragment))
            {
                return false;
            }
            channel.setOption(dontFragment, true);
            return true;
        }
        catch (final ReflectiveOperationException | IOException | UnsupportedOperationException | ClassCastException e)
        {
            return false;
        }
    }
}
