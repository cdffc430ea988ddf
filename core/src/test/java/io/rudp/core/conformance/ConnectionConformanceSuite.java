package io.rudp.core.conformance;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every way of running rudp must do the same: the connection lifecycle as the application
 * sees it. Written once against {@link ConformanceHarness}; the simulator runs it in virtual time
 * (and asserts exact times), each transport over real UDP. A new transport subclasses this with a
 * harness of its own and passes the same tests.
 */
public abstract class ConnectionConformanceSuite
{
    /** rudp port the servers listen on. */
    protected static final int PORT = 7000;
    private static final long SECOND_NS = 1_000_000_000L;

    protected ConformanceHarness harness;

    /** {@return a fresh harness for one test} */
    protected abstract ConformanceHarness newHarness();

    /**
     * {@return the configuration the tests start from}: the harness's default (a transport may
     * want a short minimum RTO on loopback).
     */
    protected RudpConfig baseConfig()
    {
        return RudpConfig.builder().isnSecret(0x5eed, 0xc0de).build();
    }

    @BeforeEach
    final void openHarness()
    {
        harness = newHarness();
    }

    @AfterEach
    final void closeHarness()
    {
        harness.close();
    }

    /** A client and the connection the server accepted from it. */
    private record Ends(ConformanceHarness.Peer client, ConformanceHarness.Peer accepted)
    {
    }

    /** A server listening on {@link #PORT} and a client connected to it over {@code path}. */
    private Ends connected(final ConformanceHarness.Path path, final RudpConfig config)
    {
        final ConformanceHarness.Server server = harness.listen(PORT, config);
        final ConformanceHarness.Peer client = harness.connect(server, PORT, path, config);
        return new Ends(client, server.accept());
    }

    private static byte[] data(final long seed, final int length)
    {
        final byte[] bytes = new byte[length];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)random.nextInt();
        }
        return bytes;
    }

    @Test
    void aConnectionOpensCarriesDataBothWaysAndClosesNormallyOnBothSides()
    {
        final Ends ends = connected(ConformanceHarness.Path.CLEAN, baseConfig());
        final ConformanceHarness.Peer client = ends.client();
        final ConformanceHarness.Peer accepted = ends.accepted();
        final byte[] request = data(1, 3000);
        final byte[] response = data(2, 5000);
        client.write(request);
        client.shutdownOutput();
        assertArrayEquals(request, accepted.readToEnd());
        accepted.write(response);
        accepted.close();
        assertArrayEquals(response, client.readToEnd());
        client.close();
        assertEquals(CloseReason.NORMAL, client.awaitClosed());
        assertEquals(CloseReason.NORMAL, accepted.awaitClosed());
    }

    @Test
    void aHalfClosedSideStillReceivesEverythingThePeerSends()
    {
        final Ends ends = connected(ConformanceHarness.Path.CLEAN, baseConfig());
        final ConformanceHarness.Peer client = ends.client();
        final ConformanceHarness.Peer accepted = ends.accepted();
        client.shutdownOutput(); // nothing to say: the server still streams to it
        assertEquals(0, accepted.readToEnd().length);
        final byte[] stream = data(3, 200_000);
        accepted.write(stream);
        accepted.shutdownOutput();
        assertArrayEquals(stream, client.readToEnd());
        assertEquals(CloseReason.NORMAL, client.awaitClosed());
        assertEquals(CloseReason.NORMAL, accepted.awaitClosed());
    }

    @Test
    void anEchoReturnsEveryByteInOrder()
    {
        final Ends ends = connected(ConformanceHarness.Path.CLEAN, baseConfig());
        final ConformanceHarness.Peer client = ends.client();
        final ConformanceHarness.Peer accepted = ends.accepted();
        final byte[] sent = data(4, 100_000);
        client.write(sent);
        client.shutdownOutput();
        final byte[] received = accepted.readToEnd();
        accepted.write(received);
        accepted.shutdownOutput();
        assertArrayEquals(sent, client.readToEnd());
    }

    @Test
    void anAbortResetsThePeer()
    {
        final Ends ends = connected(ConformanceHarness.Path.CLEAN, baseConfig());
        final ConformanceHarness.Peer client = ends.client();
        final ConformanceHarness.Peer accepted = ends.accepted();
        client.write(data(5, 1000));
        client.abort();
        assertEquals(CloseReason.ABORTED, client.awaitClosed());
        assertEquals(CloseReason.RESET_BY_PEER, accepted.awaitClosed());
    }

    @Test
    void aPortNobodyListensOnRefusesTheConnection()
    {
        final ConformanceHarness.Server server = harness.listen(PORT, baseConfig());
        final ConformanceHarness.ConnectFailed failed = assertThrows(ConformanceHarness.ConnectFailed.class,
            () -> harness.connect(server, PORT + 1, ConformanceHarness.Path.CLEAN, baseConfig()));
        assertEquals(CloseReason.REFUSED, failed.reason(), "the host answers a SYN for an unused port with a RST");
    }

    @Test
    void aHostThatNeverAnswersTimesTheConnectOut()
    {
        final long startNs = harness.nowNs();
        final RudpConfig config = baseConfig().toBuilder().synRetries(2).initialRto(Duration.ofSeconds(1)).build();
        assertEquals(CloseReason.CONNECT_TIMED_OUT, harness.connectToSilentHost(config, 2));
        if (harness.exactTime())
        {
            // SYN at 0, again at 1 s and 3 s (the RTO doubles), given up when the third RTO ends at 7 s.
            assertEquals(7 * SECOND_NS, harness.nowNs() - startNs);
        }
    }

    @Test
    void aPeerThatVanishesMidTransferIsGivenUpAfterTheUserTimeout()
    {
        final RudpConfig config = baseConfig().toBuilder().userTimeout(Duration.ofSeconds(2)).build();
        final ConformanceHarness.Peer client = connected(ConformanceHarness.Path.CLEAN, config).client();
        harness.cutPaths();
        final long cutNs = harness.nowNs();
        client.write(data(6, 20_000));
        assertEquals(CloseReason.PEER_UNREACHABLE, client.awaitClosed());
        if (harness.exactTime())
        {
            // The data goes at the cut. A tail-loss probe follows after two SRTTs (40 ms on the
            // simulator's 20 ms path, a few more for pacing) and restarts the RTO (the 200 ms
            // minimum); that first timeout starts the 2 s user timeout, which the timer wakes for.
            final long gaveUpAfterNs = harness.nowNs() - cutNs;
            final long earliestNs = 2 * SECOND_NS + config.minRtoNs();
            assertTrue(gaveUpAfterNs >= earliestNs && gaveUpAfterNs <= earliestNs + 50_000_000L,
                "gave up " + gaveUpAfterNs + " ns after the cut");
        }
    }

    @Test
    void aTransferOverALossyReorderingPathArrivesIntact()
    {
        final Ends ends = connected(ConformanceHarness.Path.IMPAIRED, baseConfig());
        final ConformanceHarness.Peer client = ends.client();
        final ConformanceHarness.Peer accepted = ends.accepted();
        final byte[] sent = data(7, 300_000);
        client.write(sent);
        client.close();
        assertArrayEquals(sent, accepted.readToEnd());
        accepted.close();
        assertEquals(CloseReason.NORMAL, client.awaitClosed());
        assertEquals(CloseReason.NORMAL, accepted.awaitClosed());
    }
}
