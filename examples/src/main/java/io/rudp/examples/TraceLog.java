package io.rudp.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Trace lines from several sources (two endpoints, a relay, the application), printed in the order
 * of their timestamps. Printed as they come, lines from two sockets interleave by when each loop
 * turn got to them, not by when things happened: a line stamped 1372 ms came out before one stamped
 * 1369 ms. Thread-safe.
 */
final class TraceLog
{
    private record Line(long atNs, long order, String text)
    {
    }

    private final long startNs;
    private final List<Line> lines = new ArrayList<>();

    TraceLog(final long startNs)
    {
        this.startNs = startNs;
    }

    long startNs()
    {
        return startNs;
    }

    /** A line that happened at {@code atNs} on the {@link System#nanoTime()} clock. */
    synchronized void add(final long atNs, final String text)
    {
        lines.add(new Line(atNs, lines.size(), text));
    }

    /** A line that happens now. */
    void now(final String text)
    {
        add(System.nanoTime(), text);
    }

    /** Prints every line so far in time order, and forgets them. */
    synchronized void print(final PrintStream out)
    {
        lines.sort(Comparator.comparingLong(Line::atNs).thenComparingLong(Line::order));
        for (final Line line : lines)
        {
            out.printf("%9.3f ms  %s%n", (line.atNs() - startNs) / 1e6, line.text());
        }
        lines.clear();
    }
}
