package io.rudp.core.isn;

import java.net.InetSocketAddress;

/**
 * Chooses the initial sequence number of a new connection. The default is {@link Rfc6528IsnGenerator};
 * tests substitute fixed ISNs to make traces literal.
 */
@FunctionalInterface
public interface IsnGenerator
{
    /**
     * @param nowNs      the caller's clock, in nanoseconds
     * @param localPort  rudp port on this side
     * @param remote     the peer's UDP address
     * @param remotePort rudp port on the peer
     * @return the ISN, any 32-bit value
     */
    int isn(long nowNs, int localPort, InetSocketAddress remote, int remotePort);
}
