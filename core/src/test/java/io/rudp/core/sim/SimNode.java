package io.rudp.core.sim;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.EndpointDriver;
import io.rudp.core.connection.Event;
import io.rudp.core.connection.EventType;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One simulated host: an {@link Endpoint} on a simulated UDP address, with per-connection handlers,
 * driven by the same {@link EndpointDriver} as the real loop. Like the real loop in its default
 * (blocking) idle mode, a host woken only by a timer wakes on the simulator's timer granularity
 * (a selector's millisecond timeout) plus the kernel's timer slack, not at the exact deadline.
 */
public final class SimNode
{
    /** The application side of one connection in the simulator. */
    public interface Handler
    {
        void onEvent(SimNode node, Event event);
    }

    private final Simulator sim;
    private final String name;
    private final int index;
    private final InetSocketAddress address;
    private final Endpoint endpoint;
    private final EndpointDriver driver;
    private final Map<Connection, Handler> handlers = new IdentityHashMap<>();
    private Function<Connection, Handler> acceptor;
    private long datagramsSent;
    /** Simulation time of this host's last loop turn: a timer wait is measured from there. */
    private long lastTurnNs;
    /** Where others see this host's datagrams come from: its address, or a NAT's mapping of it. */
    private InetSocketAddress publicAddress;
    /** The last datagram this host sent (what an eavesdropper on its path could replay). */
    private byte[] lastSent;
    /** The MTU of this host's one interface, IP headers included (an Ethernet's, unless told otherwise). */
    private int interfaceMtuBytes = 1500;

    SimNode(final Simulator sim, final String name, final int index, final InetSocketAddress address, final RudpConfig config,
        final io.rudp.core.buffer.MemoryBudget memoryBudget)
    {
        this.sim = sim;
        this.name = name;
        this.index = index;
        this.address = address;
        this.publicAddress = address;
        this.endpoint = new Endpoint(config, memoryBudget);
        this.driver = new EndpointDriver(endpoint, sim::engineNowNs, this::send, ByteBuffer.allocate(config.maxDatagramBytes()));
        this.endpoint.pathCeiling(remote -> interfaceMtuBytes - SimLink.IP_UDP_HEADER_BYTES);
    }

    /**
     * The MTU of this host's interface, IP and UDP headers included (default 1500): path MTU
     * discovery never tries more. Set it before connecting.
     */
    public SimNode interfaceMtu(final int bytes)
    {
        interfaceMtuBytes = bytes;
        return this;
    }

    public Simulator sim()
    {
        return sim;
    }

    public Endpoint endpoint()
    {
        return endpoint;
    }

    public InetSocketAddress address()
    {
        return address;
    }

    /** The address peers see and reach this host at (its own, unless a NAT rebound it). */
    public InetSocketAddress publicAddress()
    {
        return publicAddress;
    }

    /**
     * A NAT in front of this host gives it a new public port (as after a NAT idle timeout): from
     * now on its datagrams come from there, and only datagrams sent there reach it; the old
     * mapping is gone.
     */
    public void natRebind(final int publicPort)
    {
        publicAddress = new InetSocketAddress(publicAddress.getAddress(), publicPort);
    }

    /** A copy of the last datagram this host sent, or null. */
    public byte[] lastSent()
    {
        return lastSent == null ? null : lastSent.clone();
    }

    int index()
    {
        return index;
    }

    public long datagramsSent()
    {
        return datagramsSent;
    }

    /** Listens on {@code port}; each accepted connection gets a handler from {@code handlerFactory}. */
    public void listen(final int port, final Function<Connection, Handler> handlerFactory)
    {
        acceptor = handlerFactory;
        endpoint.listen(port);
    }

    /** Opens a connection to {@code peer}'s rudp port {@code port}, driven by {@code handler}. */
    public Connection connect(final SimNode peer, final int localPort, final int port, final Handler handler)
    {
        return connect(peer.address(), localPort, port, handler);
    }

    /** Opens a connection to {@code address} (where no host need be: its datagrams then go nowhere). */
    public Connection connect(final InetSocketAddress address, final int localPort, final int port, final Handler handler)
    {
        final Connection c = endpoint.connect(sim.engineNowNs(), address, localPort, port);
        handlers.put(c, handler);
        return c;
    }

    /** One datagram in, and what it released out (as the real loop does, datagram by datagram). */
    void receive(final InetSocketAddress from, final byte[] bytes)
    {
        lastTurnNs = sim.nowNs();
        driver.onDatagram(ByteBuffer.wrap(bytes), from);
    }

    /** Runs the engine's timers if due. */
    void runTimers(final long simNowNs)
    {
        if (sim.toSimNs(endpoint.nextTimeoutNs()) <= simNowNs)
        {
            lastTurnNs = simNowNs;
            driver.onTimers();
        }
    }

    /**
     * When this host next wakes for a timer, in simulation time: a loop that went idle at its last
     * turn waits a whole number of timer ticks (at least one) for a deadline still ahead.
     */
    long nextWakeupNs()
    {
        final long deadlineNs = sim.toSimNs(endpoint.nextTimeoutNs());
        final long tickNs = sim.timerGranularityNs();
        if (deadlineNs == Long.MAX_VALUE || tickNs <= 1)
        {
            return deadlineNs;
        }
        final long waitNs = deadlineNs - lastTurnNs;
        if (waitNs <= 0)
        {
            return Math.max(deadlineNs, lastTurnNs);
        }
        return lastTurnNs + (waitNs + tickNs - 1) / tickNs * tickNs + Simulator.TIMER_SLACK_NS;
    }

    private boolean send(final ByteBuffer datagram, final InetSocketAddress to)
    {
        datagramsSent++;
        final byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        lastSent = bytes;
        sim.send(this, to, bytes);
        return true;
    }

    /** Hands out events and sends what is waiting; true if anything happened. */
    boolean pump()
    {
        boolean progress = false;
        Event event;
        while ((event = endpoint.pollEvent()) != null)
        {
            progress = true;
            Handler handler = handlers.get(event.connection());
            if (handler == null && event.type() == EventType.CONNECTED && acceptor != null)
            {
                handler = acceptor.apply(event.connection());
                handlers.put(event.connection(), handler);
            }
            if (handler != null)
            {
                handler.onEvent(this, event);
            }
        }
        if (driver.transmit() > 0)
        {
            progress = true;
        }
        if (progress)
        {
            lastTurnNs = sim.nowNs();
        }
        return progress;
    }

    @Override
    public String toString()
    {
        return name + "@" + address;
    }
}
