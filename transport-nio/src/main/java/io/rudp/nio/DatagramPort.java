package io.rudp.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

/**
 * Where a {@link RudpSocket}'s datagrams go in and out: a UDP {@code DatagramChannel} with the
 * default {@link LoopBackend}, a native socket with another, an in-memory network in the tests
 * that turn a loop by hand. What the network says back (ICMP port unreachable, a datagram too big,
 * a send error) comes out as signals for the engine, never as exceptions. Used on the loop thread
 * only. Implemented by transports; applications never see it.
 */
public interface DatagramPort
{
    /**
     * A datagram the network refused as too big, and which connection it came from (its first four bytes).
     *
     * @param to where it was going
     * @param localPort its source rudp port
     * @param remotePort its destination rudp port
     * @param bytes its size
     */
    record TooBig(InetSocketAddress to, int localPort, int remotePort, int bytes)
    {
    }

    /**
     * {@return the address the port is bound to}
     *
     * @throws IOException if the port cannot say (closed)
     */
    InetSocketAddress localAddress() throws IOException;

    /**
     * {@return path MTU discovery's ceiling toward each peer: the largest UDP payload the local
     * interface carries there}
     *
     * @throws IOException if the port cannot say (closed)
     */
    ToIntFunction<InetSocketAddress> pathCeiling() throws IOException;

    /**
     * Reads one datagram into {@code dst}.
     *
     * @param dst where the datagram goes, from its position
     * @return who sent it, or null if nothing was waiting or what was read was an ICMP error
     *         ({@link #takePortUnreachable()} then says so)
     * @throws IOException if the port is broken (not for what a datagram or the network says)
     */
    InetSocketAddress receive(ByteBuffer dst) throws IOException;

    /**
     * Sends the bytes between {@code datagram}'s position and limit to {@code to}; the port may
     * hold it until {@link #flushed}.
     *
     * @param datagram the bytes; its position moves past what was taken
     * @param to where they go
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

    /**
     * The socket's sends for this turn are done: what the port held goes out now (one system call
     * for many datagrams, where the transport can). If {@code blocked}, the last send was refused:
     * the port's readiness callback is to run once it can send again.
     *
     * @param blocked whether a datagram waits for room
     */
    void flushed(boolean blocked);

    /** {@return whether the port is still open} */
    boolean isOpen();

    /**
     * Closes the port; what it still held is lost, as on the wire.
     *
     * @throws IOException if closing failed (the port is closed anyway)
     */
    void close() throws IOException;
}
