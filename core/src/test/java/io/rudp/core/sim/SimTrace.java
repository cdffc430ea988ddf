package io.rudp.core.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of every datagram each simulation sends, for checking that a refactoring of the
 * engine changed no behaviour: run the scenario tests with {@code -Drudp.sim.traceFile=before.txt},
 * change the code, run them again with {@code after.txt}, and compare the two files. Each line is
 * one test (the test class and method that built the simulator, with a counter for the simulators
 * one test builds): datagrams sent and a SHA-256 over (virtual send time, sender, bytes) of each.
 *
 * <p>Off (and free) unless the property is set. Property-based tests draw their own seeds, so only
 * classes named {@code *Test} are traced.
 */
final class SimTrace
{
    private static final String FILE = System.getProperty("rudp.sim.traceFile");
    private static final Map<String, SimTrace> ALL = new TreeMap<>();
    private static boolean hooked;

    private final MessageDigest sha256;
    private long datagrams;

    private SimTrace()
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** A trace for a new simulator, or null when tracing is off. */
    static synchronized SimTrace forNewSimulator()
    {
        if (FILE == null)
        {
            return null;
        }
        String test = null;
        for (final StackTraceElement frame : Thread.currentThread().getStackTrace())
        {
            if (frame.getClassName().endsWith("Test"))
            {
                test = frame.getClassName() + "." + frame.getMethodName();
                break;
            }
        }
        if (test == null)
        {
            return null;
        }
        int n = 0;
        while (ALL.containsKey(test + "#" + n))
        {
            n++;
        }
        final SimTrace trace = new SimTrace();
        ALL.put(test + "#" + n, trace);
        if (!hooked)
        {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SimTrace::write));
        }
        return trace;
    }

    void sent(final long simNowNs, final int fromIndex, final byte[] datagram)
    {
        datagrams++;
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            sha256.update((byte)(simNowNs >>> shift));
        }
        sha256.update((byte)fromIndex);
        sha256.update(datagram);
    }

    private static synchronized void write()
    {
        final StringBuilder out = new StringBuilder();
        ALL.forEach((test, trace) -> out.append(test).append(' ').append(trace.datagrams).append(' ')
            .append(HexFormat.of().formatHex(trace.sha256.digest())).append('\n'));
        try
        {
            Files.writeString(Path.of(FILE), out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
