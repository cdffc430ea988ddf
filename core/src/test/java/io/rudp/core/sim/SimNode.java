package io.rudp.core.sim;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.Event;
import io.rudp.core.connection.EventType;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/** One simulated host: an {@link Endpoint} on a simulated UDP address, with per-connection handlers. */
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
    private final ByteBuffer txBuffer;
    private final Map<Connection, Handler> handlers = new IdentityHashMap<>();
    private Function<Connection, Handler> acceptor;
    private long datagramsSent;

    SimNode(final Simulator sim, final String name, final int index, final InetSocketAddress address, final RudpConfig config)
    {
        this.sim = sim;
        this.name = name;
        this.index = index;
        this.address = address;
        this.endpoint = new Endpoint(config);
        this.txBuffer = ByteBuffer.allocate(config.maxDatagramBytes());
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
        final Connection c = endpoint.connect(sim.nowNs(), peer.address(), localPort, port);
        handlers.put(c, handler);
        return c;
    }

    void receive(final long nowNs, final InetSocketAddress from, final byte[] bytes)
    {
        endpoint.onDatagram(nowNs, ByteBuffer.wrap(bytes), from);
    }

    /** Hands out events and sends what is waiting; true if anything happened. */
    boolean pump(final long nowNs)
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
        InetSocketAddress to;
        while ((to = endpoint.pollTransmit(nowNs, txBuffer.clear())) != null)
        {
            progress = true;
            datagramsSent++;
            txBuffer.flip();
            final byte[] datagram = new byte[txBuffer.remaining()];
            txBuffer.get(datagram);
            sim.send(this, to, datagram);
        }
        return progress;
    }

    @Override
    public String toString()
    {
        return name + "@" + address;
    }
}
