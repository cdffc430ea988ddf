package io.rudp.examples;

import io.rudp.core.codec.Segment;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.EndpointDriver;
import io.rudp.core.connection.Event;
import io.rudp.core.connection.EventType;
import io.rudp.core.connection.SegmentTracer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Two rudp engines, a client and an echo server, joined by an in-memory 15 ms link and driven by a
 * virtual clock: the whole life of a connection (handshake, data, echo, teardown, TIME-WAIT) in a
 * few milliseconds, with each segment printed in TCP terms. ISNs are fixed at 1000 and 2000 so the
 * numbers are easy to follow.
 */
final class InProcessDemo
{
    private static final long ONE_WAY_DELAY_NS = 15_000_000L;
    private static final int ECHO_PORT = 7;

    private record InFlight(long arrivalNs, Endpoint to, InetSocketAddress from, byte[] bytes)
    {
    }

    /** The demo's time: it jumps to whatever happens next. */
    private static final class VirtualClock implements LongSupplier
    {
        private long nowNs;

        @Override
        public long getAsLong()
        {
            return nowNs;
        }
    }

    private InProcessDemo()
    {
    }

    private static byte[] bytes(final ByteBuffer datagram)
    {
        final byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        return bytes;
    }

    static int run(final String[] args)
    {
        final String message = args.length > 0 ? String.join(" ", args) : "hello, rudp";
        final InetSocketAddress clientAddress = address(1, 50000);
        final InetSocketAddress serverAddress = address(2, ECHO_PORT);
        final Endpoint client = new Endpoint(config(1000));
        final Endpoint server = new Endpoint(config(2000));
        client.tracer(tracer("client", "server"));
        server.tracer(tracer("server", "client"));
        server.listen(ECHO_PORT);

        final ArrayDeque<InFlight> wire = new ArrayDeque<>();
        final StringBuilder echoed = new StringBuilder();
        final VirtualClock clock = new VirtualClock();
        // The drivers move what each engine sends onto the simulated wire, reading the virtual clock.
        final EndpointDriver clientDriver = new EndpointDriver(client, clock, (datagram, to) ->
            wire.add(new InFlight(clock.nowNs + ONE_WAY_DELAY_NS, server, clientAddress, bytes(datagram))),
            ByteBuffer.allocate(client.config().maxDatagramBytes()));
        final EndpointDriver serverDriver = new EndpointDriver(server, clock, (datagram, to) ->
            wire.add(new InFlight(clock.nowNs + ONE_WAY_DELAY_NS, client, serverAddress, bytes(datagram))),
            ByteBuffer.allocate(server.config().maxDatagramBytes()));
        System.out.println("rudp demo: client " + clientAddress + " -> echo server " + serverAddress
            + " over a simulated 15 ms link");
        final Connection connection = client.connect(clock.nowNs, serverAddress, 0, ECHO_PORT);
        boolean clientClosed = false;
        while (true)
        {
            // Application logic: the server echoes, the client sends once and closes after the echo.
            Event event;
            while ((event = server.pollEvent()) != null)
            {
                onServerEvent(event, clock.nowNs);
            }
            while ((event = client.pollEvent()) != null)
            {
                if (event.type() == EventType.CONNECTED)
                {
                    System.out.printf("%9.3f ms  client: connected, sending \"%s\"%n", clock.nowNs / 1e6, message);
                    connection.write(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
                }
                else if (event.type() == EventType.READABLE)
                {
                    final ByteBuffer in = ByteBuffer.allocate(4096);
                    connection.read(in);
                    echoed.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                    if (echoed.length() >= message.length() && !clientClosed)
                    {
                        System.out.printf("%9.3f ms  client: echo received \"%s\", closing%n", clock.nowNs / 1e6, echoed);
                        clientClosed = true;
                        connection.shutdownOutput();
                    }
                }
                else if (event.type() == EventType.CLOSED)
                {
                    System.out.printf("%9.3f ms  client: connection closed (%s)%n", clock.nowNs / 1e6, connection.state());
                }
            }
            // Move every datagram either engine wants to send onto the wire.
            clientDriver.transmit();
            serverDriver.transmit();
            // Advance the virtual clock to whatever happens next.
            final long nextTimerNs = Math.min(client.nextTimeoutNs(), server.nextTimeoutNs());
            final long nextArrivalNs = wire.isEmpty() ? Long.MAX_VALUE : wire.peekFirst().arrivalNs();
            final long next = Math.min(nextTimerNs, nextArrivalNs);
            if (next == Long.MAX_VALUE)
            {
                break;
            }
            clock.nowNs = Math.max(clock.nowNs, next);
            while (!wire.isEmpty() && wire.peekFirst().arrivalNs() <= clock.nowNs)
            {
                final InFlight f = wire.pollFirst();
                f.to().onDatagram(clock.nowNs, ByteBuffer.wrap(f.bytes()), f.from());
            }
            client.onTimeout(clock.nowNs);
            server.onTimeout(clock.nowNs);
        }
        final boolean ok = echoed.toString().equals(message);
        System.out.printf("%9.3f ms  done: echo %s; connections left: client %d, server %d (TIME-WAIT over)%n",
            clock.nowNs / 1e6, ok ? "matches" : "DOES NOT MATCH", client.connectionCount(), server.connectionCount());
        return ok ? 0 : 1;
    }

    private static void onServerEvent(final Event event, final long nowNs)
    {
        final Connection c = event.connection();
        switch (event.type())
        {
            case READABLE ->
            {
                final ByteBuffer in = ByteBuffer.allocate(4096);
                final int n = c.read(in);
                if (n > 0)
                {
                    c.write(in.flip());
                }
            }
            case PEER_CLOSED -> c.close(nowNs);
            default ->
            {
            }
        }
    }

    private static RudpConfig config(final int isn)
    {
        // Fixed ISNs keep the printed numbers short; real endpoints use RFC 6528 ISNs with a secret.
        return RudpConfig.builder().isnGenerator((nowNs, localPort, remote, remotePort) -> isn).build();
    }

    private static SegmentTracer tracer(final String self, final String peer)
    {
        return new SegmentTracer()
        {
            @Override
            public void onSent(final long nowNs, final InetSocketAddress to, final Segment s, final Connection c)
            {
                System.out.printf("%9.3f ms  %s > %s  %s%n", nowNs / 1e6, self, peer, Trace.describe(s));
            }
        };
    }

    private static InetSocketAddress address(final int host, final int port)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte)host}), port);
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
