package io.rudp.nio;

import io.rudp.nio.testkit.TestEcho;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every idle mode drives the same echo (and needs no JVM flags: surefire passes none), and each is
 * what it says while there is nothing to do: a busy-spinning loop burns its core, a blocking one
 * sleeps in {@code select}, a backing-off one mostly parks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleModeLoopbackTest
{
    @ParameterizedTest
    @EnumSource(IdleMode.class)
    void echoUnderEachIdleMode(final IdleMode mode) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.builder().idleMode(mode).build()))
        {
            final RudpSocket server = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            server.listen(server.localAddress().getPort(), TestEcho::attach);
            final RudpSocket client = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            final byte[] data = LoopbackSupport.randomBytes(13, 200_000);
            try (OutputStream out = c.outputStream())
            {
                out.write(data);
            }
            try (InputStream in = c.inputStream())
            {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IdleMode.class)
    void anIdleLoopSpendsTheCpuItsModeSays(final IdleMode mode) throws Exception
    {
        final String name = "idle-" + mode;
        try (RudpLoop loop = RudpLoop.start(LoopConfig.builder().idleMode(mode).threadName(name).build()))
        {
            loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final Thread thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .findFirst().orElseThrow();
            final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            final long cpuBeforeNs = threads.getThreadCpuTime(thread.getId());
            final long wallBeforeNs = System.nanoTime();
            Thread.sleep(400); // the interval measured, not a wait for a condition
            final double cpuShare = (threads.getThreadCpuTime(thread.getId()) - cpuBeforeNs)
                / (double)(System.nanoTime() - wallBeforeNs);
            System.out.printf("idle loop, %s: %.0f %% of a core%n", mode, cpuShare * 100);
            switch (mode)
            {
                case BUSY_SPIN -> assertTrue(cpuShare > 0.3, "a busy-spinning loop keeps its core: " + cpuShare);
                case BLOCKING -> assertTrue(cpuShare < 0.1, "a blocking loop sleeps: " + cpuShare);
                case BACKOFF -> assertTrue(cpuShare < 0.3, "a backing-off loop mostly parks: " + cpuShare);
                default -> throw new AssertionError(mode);
            }
        }
    }
}
