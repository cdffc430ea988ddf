package io.rudp.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

/**
 * Where a {@link RudpSocket}'s datagrams go in and out: a UDP {@code DatagramChannel}
 * ({@link ChannelPort}) in use, an in-memory network in the tests that turn a loop by hand. What the
 * network says back (ICMP port unreachable, a datagram too big, a send error) comes out as
 * signals for the engine, never as exceptions. Used on the loop thread only.
 */
interface DatagramPort
{
    /** A datagram the network refused as too big, and which connection it came from (its first four bytes). */
    record TooBig(InetSocketAddress to, int localPort, int remotePort, int bytes)
    {
    }

    /** {@return the address the port is bound to} */
    InetSocketAddress localAddress() throws IOException;

    /**
     * {@return path MTU discovery's ceiling toward each peer: the largest UDP payload the local
     * interface carries there}
     */
    ToIntFunction<InetSocketAddress> pathCeiling() throws IOException;

    /**
     * Reads one datagram into {@code dst}.
     *
     * @return who sent it, or null if nothing was waiting or what was read was an ICMP error
     *         ({@link #takePortUnreachable()} then says so)
     */
    InetSocketAddress receive(ByteBuffer dst) throws IOException;

    /**
     * Sends the bytes between {@code datagram}'s position and limit to {@code to}.
     *
     * @return false if the port cannot take it now (the caller keeps the datagram), true once it is
     *         gone: sent, or lost with an error noted
     */
    boolean send(ByteBuffer datagram, InetSocketAddress to);

    /** {@return whether an ICMP port unreachable arrived since the last call} */
    boolean takePortUnreachable();

    /** {@return the last datagram refused as too big since the last call, or null} */
    TooBig takeTooBig();

    /** {@return datagrams lost to send errors} */
    long sendErrors();

    boolean isOpen();

    void close() throws IOException;
}
