package io.rudp.core.connection;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.timer.TimerKind;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static io.rudp.core.connection.Handlers.ISS;
import static io.rudp.core.connection.Handlers.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection's handlers one at a time: the state machine ({@link Lifecycle}), the ordered output
 * ({@link Transmitter}), the timers ({@link Timeouts}), the opening ({@link Handshake}), the peer's
 * address ({@link PeerAddress}) and a segment's checks ({@link SegmentArrival}). The scripts test
 * them together, through an endpoint.
 */
class ConnectionHandlersTest
{
    /** A real clock reads anything; nothing here may assume it starts at 0. */
    private static final long T0 = 4_666_000_000_000L;
    private static final RudpConfig CONFIG = RudpConfig.builder().pathMtuDiscovery(false).build();
    private static final int PEER_ISN = 5_000;

    // ---- Lifecycle -------------------------------------------------------------------------------

    @Test
    void anEndingReleasesOnceAndTellsTheApplicationOnce()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        h.lifecycle.terminate(CloseReason.RESET_BY_PEER, EventType.RESET);
        h.lifecycle.terminate(CloseReason.ABORTED, EventType.CLOSED);
        assertEquals(ConnectionState.CLOSED, h.lifecycle.state());
        assertEquals(CloseReason.RESET_BY_PEER, h.lifecycle.closeReason(), "the first ending stands");
        assertTrue(h.lifecycle.abnormallyClosed());
        assertEquals(1, h.host.released);
        assertEquals(List.of(EventType.CONNECTED, EventType.RESET), h.host.events);
    }

    @Test
    void aPassiveOpenThatEndsLeavesTheHalfOpenCountOnceAndUnseen()
    {
        final Handlers h = new Handlers(CONFIG, true);
        h.handshake.openPassive(syn());
        h.lifecycle.terminate(CloseReason.RESET_BY_PEER, EventType.RESET);
        h.lifecycle.endHalfOpen();
        assertEquals(1, h.host.halfOpenEnded);
        assertEquals(1, h.host.released);
        assertEquals(List.of(), h.host.events, "the application never met it");
    }

    @Test
    void aQuietReleaseTellsTheApplicationNothingAndCountsAsNormal()
    {
        final Handlers h = new Handlers(CONFIG, true);
        h.handshake.openPassive(syn());
        h.lifecycle.releaseQuietly();
        assertEquals(CloseReason.NORMAL, h.lifecycle.closeReason());
        assertFalse(h.lifecycle.abnormallyClosed());
        assertEquals(1, h.host.released);
        assertEquals(List.of(), h.host.events);
    }

    @Test
    void timeWaitLastsTwoMslFromItsStartAndTheApplicationHearsClosedAtOnce()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        h.lifecycle.enterTimeWait(T0 + 5 * MS);
        assertEquals(ConnectionState.TIME_WAIT, h.lifecycle.state());
        assertEquals(T0 + 5 * MS + CONFIG.timeWaitNs(), h.parts.timers.nextDeadlineNs());
        assertEquals(List.of(EventType.CONNECTED, EventType.CLOSED), h.host.events);
        assertEquals(0, h.host.released, "the connection stays, to answer a retransmitted FIN");
    }

    @Test
    void readableIsNotRaisedOnceTheApplicationClosedItsInput()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        h.lifecycle.closeInput();
        h.lifecycle.raise(EventType.READABLE);
        h.lifecycle.raise(EventType.PEER_CLOSED);
        assertEquals(List.of(EventType.CONNECTED, EventType.PEER_CLOSED), h.host.events);
    }

    @Test
    void aResetIsSentOnlyToAPeerThatKnowsOfTheConnection()
    {
        final Handlers synSent = new Handlers(CONFIG, false);
        synSent.handshake.openActive();
        synSent.lifecycle.resetAndTerminate(CloseReason.ABORTED, EventType.CLOSED);
        assertEquals(List.of(), synSent.host.resets, "in SYN-SENT the peer has no connection to reset");

        final Handlers established = Handlers.established(CONFIG, T0);
        established.lifecycle.resetAndTerminate(CloseReason.ABORTED, EventType.CLOSED);
        assertEquals(List.of(Handlers.PEER + " 1->2 seq=" + (ISS + 1) + " ack=" + (PEER_ISN + 1) + " flags="
            + (TcpFlags.RST | TcpFlags.ACK)), established.host.resets);
    }

    // ---- Handshake -------------------------------------------------------------------------------

    @Test
    void theSynAckEstablishesWithTheHandshakeAsTheFirstRttSample()
    {
        final Handlers h = new Handlers(CONFIG, false);
        h.handshake.openActive();
        h.transmit(T0);
        h.arrival.onSegment(T0 + 30 * MS, synAck(h, T0 + 30 * MS));
        assertEquals(ConnectionState.ESTABLISHED, h.lifecycle.state());
        assertEquals(30 * MS, h.parts.path.rtt().srttNs());
        assertEquals(List.of(EventType.CONNECTED), h.host.events);
        assertFalse(h.parts.timers.isArmed(TimerKind.RETRANSMIT));
    }

    @Test
    void aFinQueuedDuringTheHandshakeLeavesInFinWait1()
    {
        final Handlers h = new Handlers(CONFIG, false);
        h.handshake.openActive();
        h.transmit(T0);
        h.parts.snd.queueFin();
        h.arrival.onSegment(T0 + 30 * MS, synAck(h, T0 + 30 * MS));
        assertEquals(ConnectionState.FIN_WAIT_1, h.lifecycle.state());
    }

    // ---- Transmitter -----------------------------------------------------------------------------

    @Test
    void theSynGoesOnceAndAgainOnlyWhenItsTimerFires()
    {
        final Handlers h = new Handlers(CONFIG, false);
        h.handshake.openActive();
        final Segment syn = h.transmit(T0);
        assertEquals(TcpFlags.SYN, syn.flags);
        assertEquals(ISS, syn.seq);
        assertNull(h.transmit(T0), "one SYN per request");
        h.timeouts.onTimeout(T0 + CONFIG.initialRtoNs());
        assertEquals(TcpFlags.SYN, h.transmit(T0 + CONFIG.initialRtoNs()).flags);
        assertEquals(1, h.parts.counters.retransmittedSegments);
    }

    @Test
    void aKeepaliveProbeCarriesTheSequenceNumberBeforeTheAcknowledgedData()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        h.transmit(T0); // the handshake's ACK
        assertNull(h.transmit(T0));
        h.transmitter.requestKeepAliveProbe();
        final Segment probe = h.transmit(T0);
        assertEquals(TcpFlags.ACK, probe.flags);
        assertEquals(ISS, probe.seq, "SND.UNA - 1: the peer must answer it with an ACK");
        assertEquals(0, probe.payloadLength());
        assertEquals(1, h.parts.counters.keepAliveProbes);
    }

    @Test
    void aPassiveOpenResendsItsSynAckOnlyWithinThreeTimesWhatThePeerSent()
    {
        final Handlers h = new Handlers(CONFIG, true);
        h.handshake.openPassive(syn());
        h.transmitter.onUnvalidatedDatagram(28); // the smallest SYN
        final Segment synAck = h.transmit(T0);
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, synAck.flags);
        assertTrue(h.transmitter.awaitingAddressValidation());
        h.transmitter.requestSyn();
        assertNull(h.transmit(T0), "a second SYN+ACK would exceed 3 x 28 bytes");
        assertEquals(1, h.parts.counters.synAcksWithheld);
        h.transmitter.onUnvalidatedDatagram(40); // the peer's own retransmitted SYN
        h.transmitter.requestSyn();
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, h.transmit(T0).flags);
    }

    // ---- Timeouts --------------------------------------------------------------------------------

    @Test
    void anActiveOpenGivesUpAfterItsSynRetriesAndAPassiveOneLeavesQuietly()
    {
        final RudpConfig oneRetry = RudpConfig.builder().synRetries(1).build();
        final long rtoNs = oneRetry.initialRtoNs();
        for (final boolean passive : new boolean[] {false, true})
        {
            final Handlers h = new Handlers(oneRetry, passive);
            if (passive)
            {
                h.handshake.openPassive(syn());
                h.transmitter.onUnvalidatedDatagram(1_000);
            }
            else
            {
                h.handshake.openActive();
            }
            h.transmit(T0);
            h.timeouts.onTimeout(T0 + rtoNs);
            h.transmit(T0 + rtoNs);
            h.timeouts.onTimeout(T0 + rtoNs + 2 * rtoNs - 1);
            assertEquals(passive ? ConnectionState.SYN_RECEIVED : ConnectionState.SYN_SENT, h.lifecycle.state());
            h.timeouts.onTimeout(T0 + rtoNs + 2 * rtoNs);
            assertEquals(ConnectionState.CLOSED, h.lifecycle.state());
            assertEquals(passive ? CloseReason.NORMAL : CloseReason.CONNECT_TIMED_OUT, h.lifecycle.closeReason());
            assertEquals(passive ? List.of() : List.of(EventType.TIMED_OUT), h.host.events);
        }
    }

    @Test
    void aPeerSilentForTheIdleTimeoutIsResetAndTheApplicationHearsTimedOut()
    {
        final RudpConfig idle = RudpConfig.builder().idleTimeout(Duration.ofSeconds(5)).build();
        final Handlers h = Handlers.established(idle, T0);
        h.timeouts.onTimeout(T0 + 5_000 * MS - 1);
        assertEquals(ConnectionState.ESTABLISHED, h.lifecycle.state());
        h.timeouts.onTimeout(T0 + 5_000 * MS);
        assertEquals(CloseReason.IDLE_TIMEOUT, h.lifecycle.closeReason());
        assertEquals(List.of(EventType.CONNECTED, EventType.TIMED_OUT), h.host.events);
        assertEquals(1, h.host.resets.size());
    }

    // ---- PeerAddress -----------------------------------------------------------------------------

    @Test
    void aPlausibleSegmentFromANewAddressIsChallengedAndTheConnectionMovesOnlyOnTheAnswer()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        final InetSocketAddress rebound = new InetSocketAddress("127.0.0.1", 4001);
        assertFalse(h.peer.onSegmentFrom(T0, ack(ISS + 1, 9), rebound, 60, h.lifecycle.state()));
        assertTrue(h.peer.challengeDue());

        final Segment challenge = h.transmit(T0);
        assertEquals(rebound, h.peer.transmitAddress(), "the challenge goes to the new address");
        assertEquals(Handlers.PEER, h.peer.remote(), "the connection has not moved");

        assertFalse(h.peer.onSegmentFrom(T0, ack(ISS + 1, challenge.tsVal + 1), rebound, 60, h.lifecycle.state()),
            "a wrong echo is no answer");
        assertTrue(h.peer.onSegmentFrom(T0, ack(ISS + 1, challenge.tsVal), rebound, 60, h.lifecycle.state()));
        assertEquals(rebound, h.peer.remote());
        assertEquals(1, h.parts.counters.pathMigrations);
    }

    @Test
    void aSegmentWhoseAckWasNeverSentIsNotEvenChallenged()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        final InetSocketAddress spoofer = new InetSocketAddress("127.0.0.9", 4001);
        assertFalse(h.peer.onSegmentFrom(T0, ack(ISS + 1_000_000, 9), spoofer, 60, h.lifecycle.state()));
        assertFalse(h.peer.challengeDue());
    }

    // ---- SegmentArrival --------------------------------------------------------------------------

    @Test
    void anInWindowResetNotAtRcvNxtGetsAChallengeAckInsteadOfClosing()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        h.transmit(T0); // the handshake's ACK
        final Segment rst = ack(ISS + 1, 9);
        rst.flags = TcpFlags.RST;
        rst.seq = PEER_ISN + 1 + 100;
        h.arrival.onSegment(T0, rst);
        assertEquals(ConnectionState.ESTABLISHED, h.lifecycle.state());
        assertEquals(List.of(DropReason.BAD_RST), h.host.drops);
        assertEquals(1, h.parts.counters.challengeAcks);
        assertEquals(TcpFlags.ACK, h.transmit(T0).flags);

        rst.seq = PEER_ISN + 1;
        h.arrival.onSegment(T0, rst);
        assertEquals(CloseReason.RESET_BY_PEER, h.lifecycle.closeReason());
    }

    @Test
    void anAckOfDataNeverSentIsDroppedAndAnswered()
    {
        final Handlers h = Handlers.established(CONFIG, T0);
        h.transmit(T0);
        h.arrival.onSegment(T0, ack(ISS + 1 + 500, 9));
        assertEquals(List.of(DropReason.BAD_ACK), h.host.drops);
        assertEquals(ISS + 1, h.transmit(T0).seq, "an ACK that says where this side really is");
    }

    /** The peer's SYN, as a listener sees it. */
    private static Segment syn()
    {
        final Segment seg = new Segment();
        seg.srcPort = 2;
        seg.dstPort = 1;
        seg.seq = PEER_ISN;
        seg.flags = TcpFlags.SYN;
        seg.window = 65_535;
        seg.mss = 1460;
        seg.hasTimestamps = true;
        seg.tsVal = 7;
        return seg;
    }

    /** The peer's SYN+ACK of {@code h}'s SYN, echoing its timestamp. */
    private static Segment synAck(final Handlers h, final long nowNs)
    {
        final Segment seg = syn();
        seg.flags = TcpFlags.SYN | TcpFlags.ACK;
        seg.ack = ISS + 1;
        seg.tsEcr = h.parts.options.tsNowMs(nowNs);
        return seg;
    }

    /** A pure ACK from the peer at RCV.NXT, acknowledging {@code ack} and echoing {@code tsEcr}. */
    private static Segment ack(final int ack, final int tsEcr)
    {
        final Segment seg = new Segment();
        seg.srcPort = 2;
        seg.dstPort = 1;
        seg.seq = PEER_ISN + 1;
        seg.ack = ack;
        seg.flags = TcpFlags.ACK;
        seg.window = 65_535;
        seg.hasTimestamps = true;
        seg.tsVal = 8;
        seg.tsEcr = tsEcr;
        return seg;
    }
}
