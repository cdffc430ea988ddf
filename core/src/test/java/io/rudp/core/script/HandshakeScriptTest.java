package io.rudp.core.script;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.rudp.core.script.SegmentScript.run;

/** Opening a connection: passive, active, simultaneous, refused, and given up. */
class HandshakeScriptTest
{
    private static final RudpConfig CONFIG = SegmentScript.baseConfig().build();

    @Test
    void passiveOpen()
    {
        run(CONFIG, """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452,wscale 7>
            +0    > S. 0:0(0) ack 1 win 65535 <mss 1452,wscale 5>
            +0    state(SYN_RECEIVED)
            +0    no_event(CONNECTED)
            +.1   < . 1:1(0) ack 1 win 512
            +0    event(CONNECTED)
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void passiveOpenRetransmitsSynAckOnRto()
    {
        run(CONFIG, """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +1    > S. 0:0(0) ack 1 <mss 1452>     # initial RTO 1 s
            +2    > S. 0:0(0) ack 1 <mss 1452>     # backed off to 2 s
            +.5   < S 0:0(0) win 65535 <mss 1452>  # the peer's SYN again: our SYN+ACK was lost
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < . 1:1(0) ack 1 win 65535
            +0    event(CONNECTED)
            """);
    }

    @Test
    void passiveOpenBadAckGetsReset()
    {
        run(CONFIG, """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < . 1:1(0) ack 77 win 65535
            +0    > R 77:77(0)
            +0    state(SYN_RECEIVED)               # the RST answers the bad ACK; the connection waits on
            +0    drops(BAD_ACK, 1)
            """);
    }

    @Test
    void resetInSynReceivedReturnsToListen()
    {
        run(CONFIG, """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < R 1:1(0) win 0
            +0    connections(0)
            +0    no_event(RESET)
            """);
    }

    @Test
    void aPortUnreachableEndsAnEstablishedConnectionAtItsNextTimeoutIfThePeerStaysSilent()
    {
        // RTO after the 100 ms handshake sample: 100 + 4 * 50 = 300 ms from the data.
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) win 65535 <mss 1452,wscale 5>
            +.1   < S. 0:0(0) ack 1 win 65535 <mss 1000,wscale 7>
            +0    > . 1:1(0) ack 1 win 8192
            +0    event(CONNECTED)
            +0    write(100)
            +0    > P. 1:101(100) ack 1 win 8192
            +.01  port_unreachable()                   # the peer's process is gone
            +.289 no_event(TIMED_OUT)
            +.001 event(TIMED_OUT)
            +0    state(CLOSED)
            +0    reason(PEER_PORT_UNREACHABLE)
            """);
        // A forged ICMP error cannot end a live connection: the peer's next segment clears the mark.
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) win 65535 <mss 1452,wscale 5>
            +.1   < S. 0:0(0) ack 1 win 65535 <mss 1000,wscale 7>
            +0    > . 1:1(0) ack 1 win 8192
            +0    event(CONNECTED)
            +0    write(100)
            +0    > P. 1:101(100) ack 1 win 8192
            +.01  port_unreachable()                   # forged
            +.01  < . 1:1(0) ack 1 win 65535           # the peer is alive (a duplicate ACK)
            +.28  > P. 1:101(100) ack 1 win 8192       # the timeout resends, as for any loss
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void aPortUnreachableRefusesAConnectButNotAnEstablishedConnection()
    {
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) win 65535 <mss 1452,wscale 5>
            +.001 port_unreachable()
            +0    event(RESET)
            +0    connections(0)
            """);
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) win 65535 <mss 1452,wscale 5>
            +.1   < S. 0:0(0) ack 1 win 65535 <mss 1000,wscale 7>
            +0    > . 1:1(0) ack 1 win 8192
            +0    event(CONNECTED)
            +0    port_unreachable()                   # forgeable (RFC 5927): ignored once established
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void activeOpen()
    {
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) win 65535 <mss 1452,wscale 5>
            +0    state(SYN_SENT)
            +.1   < S. 0:0(0) ack 1 win 65535 <mss 1000,wscale 7>
            +0    > . 1:1(0) ack 1 win 8192
            +0    event(CONNECTED)
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void synRetransmittedWithBackoffThenTimesOut()
    {
        run(SegmentScript.baseConfig().synRetries(3).build(), """
            0     connect()
            +0    > S 0:0(0) <mss 1452,wscale 5>
            +1    > S 0:0(0) <mss 1452,wscale 5>
            +2    > S 0:0(0) <mss 1452,wscale 5>
            +4    > S 0:0(0) <mss 1452,wscale 5>
            +7.9  no_event(TIMED_OUT)
            +.1   event(TIMED_OUT)
            +0    state(CLOSED)
            +0    connections(0)
            """);
    }

    @Test
    void rtoIsThreeSecondsAfterSynTimeout()
    {
        // RFC 6298 (5.7): the SYN was retransmitted, so data starts with RTO = 3 s.
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) <mss 1452,wscale 5>
            +1    > S 0:0(0) <mss 1452,wscale 5>
            +.1   < S. 0:0(0) ack 1 win 65535 <mss 1452>
            +0    > . 1:1(0) ack 1
            +0    write(100)
            +0    > P. 1:101(100) ack 1
            +3    > P. 1:101(100) ack 1
            """);
    }

    @Test
    void dataAndFinQueuedDuringTheHandshakeGoOutOnceEstablished()
    {
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) <mss 1452,wscale 5>
            +0    write(100)                              # queued: nothing may go before the SYN+ACK
            +0    shutdown()
            +0    state(SYN_SENT)
            +.1   < S. 0:0(0) ack 1 win 65535 <mss 1452>
            +0    > FP. 1:101(100) ack 1                  # the data, with the FIN, and the handshake ACK
            +0    state(FIN_WAIT_1)
            +.1   < . 1:1(0) ack 102 win 65535
            +0    state(FIN_WAIT_2)
            """);
    }

    @Test
    void connectionRefused()
    {
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) <mss 1452,wscale 5>
            +.1   < R. 0:0(0) ack 1 win 0
            +0    event(RESET)
            +0    state(CLOSED)
            +0    connections(0)
            """);
    }

    @Test
    void resetWithoutAckIgnoredInSynSent()
    {
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) <mss 1452,wscale 5>
            +.1   < R 0:0(0) win 0
            +0    state(SYN_SENT)
            +0    drops(BAD_RST, 1)
            """);
    }

    @Test
    void synAckWithBadAckGetsReset()
    {
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) <mss 1452,wscale 5>
            +.1   < S. 0:0(0) ack 9 win 65535 <mss 1452>
            +0    > R 9:9(0)
            +0    state(SYN_SENT)
            """);
    }

    @Test
    void simultaneousOpen()
    {
        run(CONFIG, """
            0     connect()
            +0    > S 0:0(0) <mss 1452,wscale 5>
            +.05  < S 0:0(0) win 65535 <mss 1452,wscale 7>
            +0    > S. 0:0(0) ack 1 <mss 1452,wscale 5>
            +0    state(SYN_RECEIVED)
            +.05  < S. 0:0(0) ack 1 win 65535 <mss 1452,wscale 7>
            +0    > . 1:1(0) ack 1
            +0    state(ESTABLISHED)
            +0    event(CONNECTED)
            """);
    }

    @Test
    void segmentToClosedPortGetsReset()
    {
        run(CONFIG, """
            0     < S 0:0(0) win 65535 <mss 1452>
            +0    > R. =0:0(0) ack 1
            +0    < . 1:1(0) ack 100 win 65535
            +0    > R 100:100(0)
            +0    < R 1:1(0) win 0                  # never answer a RST
            +0    < P. 1:11(10) ack 0 win 100
            +0    > R 0:0(0)                        # SEQ = the segment's ACK
            +0    drops(NO_CONNECTION, 4)
            """);
    }

    static RudpConfig noDelayedAck()
    {
        return SegmentScript.baseConfig().delayedAck(Duration.ofMillis(0)).build();
    }
}
