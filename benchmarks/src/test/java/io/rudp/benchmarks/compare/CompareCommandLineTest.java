package io.rudp.benchmarks.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compare's command line: a bad value names its option and exits 2, before anything runs. */
class CompareCommandLineTest
{
    @ParameterizedTest
    @CsvSource({
        "--runs, abc, --runs",
        "--runs, 0, --runs",
        "--seconds, 0, --seconds",
        "--warmup, -1, --warmup",
        "--pings, 0, --pings",
        "--connections, 0, --connections",
        "--only, nope, --only",
    })
    void aBadValueNamesItsOptionAndExitsTwo(final String option, final String value, final String named)
    {
        final StringWriter err = new StringWriter();
        final int status = new CommandLine(new Compare()).setErr(new PrintWriter(err)).execute(option, value);
        assertEquals(2, status);
        assertTrue(err.toString().contains(named), () -> "the error names " + named + ": " + err);
    }

    @Test
    void anUnknownOptionIsAUsageErrorToo()
    {
        final StringWriter err = new StringWriter();
        assertEquals(2, new CommandLine(new Compare()).setErr(new PrintWriter(err)).execute("--bogus", "1"));
        assertTrue(err.toString().contains("--bogus"), err::toString);
    }
}
