package io.rudp.examples;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.SegmentTracer;

import java.io.PrintStream;
import java.net.InetSocketAddress;

/**
 * Prints segments the way the rudp docs write them: {@code SYN+ACK seq=2000 ack=1001 win=65535 len=0},
 * at once to a stream, or into a {@link TraceLog} that prints several tracers' lines in time order.
 */
final class Trace implements SegmentTracer
{
    private final String self;
    private final PrintStream out;
    private final TraceLog log;
    private final long startNs;

    Trace(final String self, final PrintStream out, final long startNs)
    {
        this.self = self;
        this.out = out;
        this.log = null;
        this.startNs = startNs;
    }

    Trace(final String self, final TraceLog log)
    {
        this.self = self;
        this.out = null;
        this.log = log;
        this.startNs = log.startNs();
    }

    @Override
    public void onSent(final long nowNs, final InetSocketAddress to, final Segment s, final Connection c)
    {
        final String line = String.format("%s > %-21s %s", self, to, describe(s));
        if (log != null)
        {
            log.add(nowNs, line);
        }
        else
        {
            out.printf("%9.3f ms  %s%n", (nowNs - startNs) / 1e6, line);
        }
    }

    static String describe(final Segment s)
    {
        final StringBuilder sb = new StringBuilder();
        final String[] names = {"SYN", "FIN", "RST", "PSH"};
        final int[] bits = {TcpFlags.SYN, TcpFlags.FIN, TcpFlags.RST, TcpFlags.PSH};
        for (int i = 0; i < bits.length; i++)
        {
            if (s.has(bits[i]))
            {
                sb.append(sb.length() == 0 ? "" : "+").append(names[i]);
            }
        }
        if (s.has(TcpFlags.ACK))
        {
            sb.append(sb.length() == 0 ? "" : "+").append("ACK");
        }
        sb.append(" seq=").append(s.seq & 0xFFFFFFFFL);
        if (s.has(TcpFlags.ACK))
        {
            sb.append(" ack=").append(s.ack & 0xFFFFFFFFL);
        }
        sb.append(" win=").append(s.window).append(" len=").append(s.payloadLength());
        return sb.toString();
    }
}
