package io.rudp.core.connection;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which connection sends next and whose timer fires next, over connections in SYN-SENT. */
class ConnectionSchedulerTest
{
    private static final long T0 = -77_000_000_000L;
    private static final RudpConfig CONFIG = RudpConfig.builder().build();

    private final Handlers.RecordingHost host = new Handlers.RecordingHost();
    private final ConnectionScheduler scheduler = new ConnectionScheduler();
    private final ByteBuffer dst = ByteBuffer.allocate(65_536);

    private Connection opened(final int localPort)
    {
        final Connection c = new Connection(host, CONFIG, new InetSocketAddress("127.0.0.1", 9), localPort, 80, false,
            1_000 * localPort, T0);
        c.endpointSide().openActive();
        scheduler.changed(c);
        return c;
    }

    @Test
    void eachQueuedConnectionSendsInTurnAndOneWithNothingLeftLeavesTheQueue()
    {
        final Connection a = opened(1);
        final Connection b = opened(2);
        assertSame(a, scheduler.transmitNext(T0, dst.clear(), 0), "a's SYN");
        assertSame(b, scheduler.transmitNext(T0, dst.clear(), 0), "then b's");
        assertTrue(dst.position() > 20, "dst's position moved past the SYN");
        assertNull(scheduler.transmitNext(T0, dst.clear(), 0), "both sent their SYN: nothing more");
        assertEquals(0, dst.position(), "dst untouched when nothing is sent");
        assertEquals(T0 + CONFIG.initialRtoNs(), scheduler.nextDeadlineNs(), "the SYNs' retransmission timers");
    }

    @Test
    void timersFireWhenDueAndAGoneConnectionIsForgotten()
    {
        final Connection a = opened(1);
        scheduler.transmitNext(T0, dst.clear(), 0);
        scheduler.runTimers(T0 + CONFIG.initialRtoNs() - 1);
        assertNull(scheduler.transmitNext(T0, dst.clear(), 0), "not due yet");
        scheduler.runTimers(T0 + CONFIG.initialRtoNs());
        scheduler.changed(a); // as the connection's host would be told
        assertSame(a, scheduler.transmitNext(T0 + CONFIG.initialRtoNs(), dst.clear(), 0), "the SYN again");

        scheduler.remove(a);
        assertEquals(Long.MAX_VALUE, scheduler.nextDeadlineNs());
        assertNull(scheduler.transmitNext(T0, dst.clear(), 0));
    }
}
