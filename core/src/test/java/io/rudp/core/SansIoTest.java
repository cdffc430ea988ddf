package io.rudp.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * core must stay sans-IO: no clock, no sleeping, no thread, no socket or channel, no lock, no
 * unseeded randomness. This scans the sources and fails the build if one appears.
 */
class SansIoTest
{
    private static final Pattern FORBIDDEN = Pattern.compile(
        "System\\.(nanoTime|currentTimeMillis)|Instant\\.now|LocalDateTime\\.now|Clock\\.system|new Thread"
            + "|Thread\\.sleep|ThreadLocalRandom|new Random\\(\\)|new SecureRandom|Math\\.random|java\\.nio\\.channels"
            + "|java\\.net\\.(Socket|DatagramSocket|ServerSocket)|ExecutorService|Executors\\.|synchronized|java\\.util\\.concurrent\\.locks");

    @Test
    void coreSourcesUseNoClockThreadSocketLockOrUnseededRandomness() throws IOException
    {
        final Path root = Path.of("src/main/java");
        assertTrue(Files.isDirectory(root), "run from the core module directory");
        final List<String> hits;
        try (Stream<Path> files = Files.walk(root))
        {
            hits = files.filter(p -> p.toString().endsWith(".java")).flatMap(SansIoTest::violations).collect(Collectors.toList());
        }
        assertEquals(List.of(), hits);
    }

    private static Stream<String> violations(final Path file)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> FORBIDDEN.matcher(lines.get(i)).find())
                .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
        catch (final IOException e)
        {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
