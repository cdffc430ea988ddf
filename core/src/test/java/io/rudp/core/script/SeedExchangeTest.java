package io.rudp.core.script;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.EndpointDriver;
import io.rudp.core.connection.EventType;
import io.rudp.core.connection.SegmentTracer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code seed-exchange} row of scenarios.md, literally: two engines with ISNs forced to 1000 and
 * 2000 exchange the seed's segments, including one data segment lost once and retransmitted after
 * the RTO.
 */
class SeedExchangeTest
{
    private static final long DELAY_NS = 15_000_000L;

    private record Wire(long atNs, boolean toServer, byte[] bytes)
    {
    }

    @Test
    void seedExchange() throws Exception
    {
        final InetSocketAddress clientAddr = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 1);
        final InetSocketAddress serverAddr = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 2);
        final Endpoint client = new Endpoint(config(1000));
        final Endpoint server = new Endpoint(config(2000));
        final List<String> trace = new ArrayList<>();
        client.tracer(recorder("c>", trace));
        server.tracer(recorder("s>", trace));
        server.listen(80);

        final ArrayDeque<Wire> wire = new ArrayDeque<>();
        final long[] now = {0};
        final boolean[] dropNextData = {false};
        final EndpointDriver[] drivers = new EndpointDriver[2];
        for (final Endpoint e : new Endpoint[] {client, server})
        {
            final boolean fromClient = e == client;
            drivers[fromClient ? 0 : 1] = new EndpointDriver(e, () -> now[0], (datagram, to) ->
            {
                final byte[] bytes = new byte[datagram.remaining()];
                datagram.get(bytes);
                if (fromClient && bytes.length > 40 && dropNextData[0])
                {
                    dropNextData[0] = false;
                    trace.add("(lost)");
                    return true;
                }
                wire.addLast(new Wire(now[0] + DELAY_NS, fromClient, bytes));
                return true;
            }, ByteBuffer.allocate(65536));
        }
        final Runnable pump = () ->
        {
            drivers[0].transmit();
            drivers[1].transmit();
        };
        final Runnable step = () ->
        {
            pump.run();
            long next = Math.min(client.nextTimeoutNs(), server.nextTimeoutNs());
            if (!wire.isEmpty())
            {
                next = Math.min(next, wire.peekFirst().atNs());
            }
            if (next == Long.MAX_VALUE)
            {
                return; // nothing scheduled: wait for the application
            }
            now[0] = Math.max(now[0], next);
            while (!wire.isEmpty() && wire.peekFirst().atNs() <= now[0])
            {
                final Wire w = wire.pollFirst();
                (w.toServer() ? server : client).onDatagram(now[0], ByteBuffer.wrap(w.bytes()), w.toServer() ? clientAddr : serverAddr);
            }
            client.onTimeout(now[0]);
            server.onTimeout(now[0]);
            pump.run();
        };

        final Connection c = client.connect(0, serverAddr, 0, 80);
        while (c.state() != io.rudp.core.connection.ConnectionState.ESTABLISHED)
        {
            step.run();
        }
        drainEvents(server);
        final Connection s = server.connections().iterator().next();
        runUntil(step, () -> s.state() == io.rudp.core.connection.ConnectionState.ESTABLISHED, now);
        c.write(ByteBuffer.allocate(300));
        runUntil(step, () -> s.readableBytes() == 300 && c.bytesInFlight() == 0, now);
        s.read(ByteBuffer.allocate(300));

        dropNextData[0] = true;
        final long sentAt = now[0];
        c.write(ByteBuffer.allocate(100));
        runUntil(step, () -> s.readableBytes() == 100 && c.bytesInFlight() == 0, now);
        s.read(ByteBuffer.allocate(100));
        c.close(now[0]);
        runUntil(step, () -> s.state() == io.rudp.core.connection.ConnectionState.CLOSE_WAIT, now);
        s.close(now[0]);
        runUntil(step, () -> client.connectionCount() == 0 && server.connectionCount() == 0, now);

        assertEquals(List.of(
            "c> S seq=1000",
            "s> S. seq=2000 ack=1001",
            "c> . seq=1001 ack=2001",
            "c> P. seq=1001 ack=2001 len=300",
            "s> . seq=2001 ack=1301",
            "c> P. seq=1301 ack=2001 len=100",
            "(lost)",
            "c> P. seq=1301 ack=2001 len=100", // retransmitted after the RTO
            "s> . seq=2001 ack=1401",
            "c> F. seq=1401 ack=2001",
            "s> . seq=2001 ack=1402",
            "s> F. seq=2001 ack=1402",
            "c> . seq=1402 ack=2002"), trace);
        assertEquals(true, c.counters().timeouts == 1, "one RTO");
        assertEquals(EventType.CLOSED, lastEventType(client));
        assertEquals(true, now[0] - sentAt >= c.rtoNs() / 2, "the retransmission waited for the RTO");
    }

    private static void runUntil(final Runnable step, final java.util.function.BooleanSupplier done, final long[] now)
    {
        final long limit = now[0] + 200_000_000_000L;
        int idleSteps = 0;
        while (!done.getAsBoolean())
        {
            final long before = now[0];
            step.run();
            idleSteps = now[0] == before ? idleSteps + 1 : 0;
            if (now[0] > limit || idleSteps > 100)
            {
                throw new AssertionError("seed exchange stalled at " + now[0] + " ns");
            }
        }
    }

    private static void drainEvents(final Endpoint e)
    {
        while (e.pollEvent() != null)
        {
            // not needed here
        }
    }

    private static EventType lastEventType(final Endpoint e)
    {
        EventType last = null;
        io.rudp.core.connection.Event ev;
        while ((ev = e.pollEvent()) != null)
        {
            last = ev.type();
        }
        return last;
    }

    private static RudpConfig config(final int isn)
    {
        return RudpConfig.builder().isnGenerator((now, lp, r, rp) -> isn).build();
    }

    private static SegmentTracer recorder(final String prefix, final List<String> trace)
    {
        return new SegmentTracer()
        {
            @Override
            public void onSent(final long nowNs, final InetSocketAddress to, final Segment seg, final Connection c)
            {
                final StringBuilder sb = new StringBuilder(prefix).append(' ')
                    .append(TcpFlags.toShortString(seg.flags)).append(" seq=").append(seg.seq);
                if (seg.has(TcpFlags.ACK))
                {
                    sb.append(" ack=").append(seg.ack);
                }
                if (seg.payloadLength() > 0)
                {
                    sb.append(" len=").append(seg.payloadLength());
                }
                trace.add(sb.toString());
            }
        };
    }
}
