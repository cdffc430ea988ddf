package io.rudp.core.connection;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Moves datagrams and time between an {@link Endpoint} and whatever carries its datagrams (an NIO
 * socket, a simulated link, a benchmark's in-memory pipe), in the order the engine needs:
 * <ul>
 *   <li>every received datagram is followed at once by {@link #transmit()}, so the ACKs and data it
 *       released leave before the next datagram is read. A caller that reads a whole batch first
 *       would send one ACK for the batch (RFC 5681 asks for one per two full-sized segments, and an
 *       immediate one for out-of-order data), and a sender would release its window in one burst;</li>
 *   <li>the clock is read again for every datagram received and every datagram sent, so timestamps
 *       and RTT samples carry the moment the datagram was handed over, not the start of a loop turn.</li>
 * </ul>
 * The driver reads no clock of its own: the caller supplies one ({@code System::nanoTime} on a
 * real loop, a virtual clock in tests). Events stay with the caller ({@link Endpoint#pollEvent}).
 */
public final class EndpointDriver
{
    /** Hands one datagram to the network. */
    @FunctionalInterface
    public interface DatagramSender
    {
        /**
         * Sends the bytes between {@code datagram}'s position and limit to {@code to}.
         *
         * @param datagram the bytes, between position and limit
         * @param to where they go
         * @return true if the datagram is gone (sent, or lost as on a wire); false if it could not be
         *         taken now (a full socket buffer): the driver keeps it and offers it again on the
         *         next {@link #transmit()}
         */
        boolean send(ByteBuffer datagram, InetSocketAddress to);
    }

    private final Endpoint endpoint;
    private final LongSupplier nanoClock;
    private final DatagramSender sender;
    private final ByteBuffer txBuffer;
    /** Where the datagram held in {@link #txBuffer} goes, or null if none is held. */
    private InetSocketAddress heldDestination;

    /**
     * @param endpoint  the engine to drive
     * @param nanoClock a monotonic clock in nanoseconds (any origin)
     * @param sender    where datagrams go
     * @param txBuffer  a buffer of at least {@code maxDatagramBytes} for outgoing datagrams (direct for NIO)
     */
    public EndpointDriver(final Endpoint endpoint, final LongSupplier nanoClock, final DatagramSender sender,
        final ByteBuffer txBuffer)
    {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.txBuffer = Objects.requireNonNull(txBuffer, "txBuffer");
        if (txBuffer.capacity() < endpoint.config().maxDatagramBytes())
        {
            throw new IllegalArgumentException("txBuffer holds " + txBuffer.capacity() + " bytes, needs "
                + endpoint.config().maxDatagramBytes());
        }
    }

    /**
     * {@return the endpoint driven}
     */
    public Endpoint endpoint()
    {
        return endpoint;
    }

    /**
     * The clock this driver reads.
     *
     * @return nanoseconds on the driver's clock
     */
    public long nowNs()
    {
        return nanoClock.getAsLong();
    }

    /**
     * One received datagram into the engine, then whatever it released out.
     *
     * @return datagrams sent
     *
     * @param datagram the bytes received
     * @param from who sent them
     */
    public int onDatagram(final ByteBuffer datagram, final InetSocketAddress from)
    {
        endpoint.onDatagram(nanoClock.getAsLong(), datagram, from);
        return transmit();
    }

    /**
     * Runs the engine's timers if any is due, then sends what they produced.
     *
     * @return datagrams sent
     */
    public int onTimers()
    {
        final long nowNs = nanoClock.getAsLong();
        final long deadlineNs = endpoint.nextTimeoutNs();
        // Long.MAX_VALUE means "no timer"; a wrap-safe difference with it would overflow for a clock
        // that reads negative values, so test it first.
        if (deadlineNs != Long.MAX_VALUE && deadlineNs - nowNs <= 0)
        {
            endpoint.onTimeout(nowNs);
        }
        return transmit();
    }

    /**
     * Sends everything the engine has to send, reading the clock for each datagram. Stops early,
     * keeping the datagram, when the sender cannot take one; call again when it can.
     *
     * @return datagrams sent
     */
    public int transmit()
    {
        int count = 0;
        if (heldDestination != null)
        {
            if (!sender.send(txBuffer, heldDestination))
            {
                return 0;
            }
            heldDestination = null;
            count++;
        }
        InetSocketAddress to;
        while ((to = endpoint.pollTransmit(nanoClock.getAsLong(), txBuffer.clear())) != null)
        {
            txBuffer.flip();
            if (!sender.send(txBuffer, to))
            {
                heldDestination = to;
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * Whether a datagram is held because the sender could not take it.
     *
     * @return whether a datagram waits for the socket
     */
    public boolean blocked()
    {
        return heldDestination != null;
    }
}
