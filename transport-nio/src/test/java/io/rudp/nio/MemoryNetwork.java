package io.rudp.nio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * An in-memory network on a virtual clock, for loops turned by hand ({@link RudpLoop#embedded}):
 * {@link DatagramPort}s at made-up loopback addresses, a fixed one-way delay, and paths that can
 * lose and reorder (from a seed) or be cut. A datagram to an address nobody holds goes nowhere,
 * as to a host that never answers. Nothing here touches a real socket.
 */
final class MemoryNetwork
{
    private record InFlight(long deliverAtNs, long order, InetSocketAddress from, InetSocketAddress to, byte[] bytes)
    {
    }

    /** 1500 bytes less the IPv4 and UDP headers. */
    private static final int ETHERNET_UDP_PAYLOAD_BYTES = 1472;

    private final long oneWayDelayNs;
    private final Random random;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>((a, b) -> a.deliverAtNs != b.deliverAtNs
        ? Long.compare(a.deliverAtNs, b.deliverAtNs) : Long.compare(a.order, b.order));
    private final Map<InetSocketAddress, Port> ports = new HashMap<>();
    private final Set<InetSocketAddress> impaired = new HashSet<>();
    private double lossRate;
    private double reorderRate;
    private boolean cut;
    private long nowNs;
    private long order;
    private int nextPort = 10_000;
    private long lostDatagrams;

    MemoryNetwork(final long originNs, final long oneWayDelayNs, final long seed)
    {
        this.nowNs = originNs;
        this.oneWayDelayNs = oneWayDelayNs;
        this.random = new Random(seed);
    }

    long nowNs()
    {
        return nowNs;
    }

    /** Moves the clock on to {@code ns} (never back). */
    void advanceTo(final long ns)
    {
        if (ns - nowNs > 0)
        {
            nowNs = ns;
        }
    }

    /** {@return a new port at an address of its own} */
    Port open()
    {
        final Port port = new Port(new InetSocketAddress(InetAddress.getLoopbackAddress(), nextPort++));
        ports.put(port.address, port);
        return port;
    }

    /** {@return an address nobody holds: what goes there is lost} */
    InetSocketAddress nowhere()
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), nextPort++);
    }

    /** Datagrams to and from {@code address} are lost and reordered at these rates. */
    void impair(final InetSocketAddress address, final double loss, final double reorder)
    {
        impaired.add(address);
        lossRate = loss;
        reorderRate = reorder;
    }

    /** {@return datagrams an impaired path lost} */
    long lostDatagrams()
    {
        return lostDatagrams;
    }

    /** From now on nothing is delivered, either way. */
    void cut()
    {
        cut = true;
    }

    /** Delivers what is due by now; {@return how many datagrams} */
    int deliverDue()
    {
        int delivered = 0;
        InFlight next;
        while ((next = inFlight.peek()) != null && next.deliverAtNs - nowNs <= 0)
        {
            inFlight.poll();
            final Port port = ports.get(next.to);
            if (port != null && port.isOpen())
            {
                port.inbox.add(next);
                if (port.socket != null)
                {
                    port.socket.markReady();
                }
                delivered++;
            }
        }
        return delivered;
    }

    /** {@return when the next datagram lands, or {@link Long#MAX_VALUE}} */
    long nextDeliveryNs()
    {
        final InFlight next = inFlight.peek();
        return next == null ? Long.MAX_VALUE : next.deliverAtNs;
    }

    private void send(final InetSocketAddress from, final InetSocketAddress to, final byte[] bytes)
    {
        if (cut)
        {
            return;
        }
        long delayNs = oneWayDelayNs;
        if (impaired.contains(from) || impaired.contains(to))
        {
            if (random.nextDouble() < lossRate)
            {
                lostDatagrams++;
                return;
            }
            if (random.nextDouble() < reorderRate)
            {
                delayNs += oneWayDelayNs / 2; // overtaken by what follows
            }
        }
        inFlight.add(new InFlight(nowNs + delayNs, order++, from, to, bytes));
    }

    /** One address on the network. */
    final class Port implements DatagramPort
    {
        private final InetSocketAddress address;
        private final ArrayDeque<InFlight> inbox = new ArrayDeque<>();
        private RudpSocket socket;
        private boolean open = true;

        private Port(final InetSocketAddress address)
        {
            this.address = address;
        }

        /** The socket to tell when a datagram lands. */
        void socket(final RudpSocket value)
        {
            socket = value;
        }

        @Override
        public InetSocketAddress localAddress()
        {
            return address;
        }

        /** A 1500-byte Ethernet's datagrams, so a transfer takes many of them, as on a real path. */
        @Override
        public ToIntFunction<InetSocketAddress> pathCeiling()
        {
            return remote -> ETHERNET_UDP_PAYLOAD_BYTES;
        }

        @Override
        public InetSocketAddress receive(final ByteBuffer dst)
        {
            final InFlight datagram = inbox.poll();
            if (datagram == null)
            {
                return null;
            }
            dst.put(datagram.bytes);
            return datagram.from;
        }

        @Override
        public boolean send(final ByteBuffer datagram, final InetSocketAddress to)
        {
            final byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            MemoryNetwork.this.send(address, to, bytes);
            return true;
        }

        @Override
        public boolean takePortUnreachable()
        {
            return false;
        }

        @Override
        public TooBig takeTooBig()
        {
            return null;
        }

        @Override
        public long sendErrors()
        {
            return 0;
        }

        /** Sends go at once: nothing is held, and the network never refuses one. */
        @Override
        public void flushed(final boolean blocked)
        {
        }

        @Override
        public boolean isOpen()
        {
            return open;
        }

        @Override
        public void close() throws IOException
        {
            open = false;
        }
    }
}
