package io.rudp.core.script;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.rudp.core.script.SegmentScript.run;

/** Data transfer rules: ACK policy, RFC 5961, retransmission timing, flow control. */
class EstablishedScriptTest
{
    private static final RudpConfig CONFIG = SegmentScript.baseConfig().windowScaling(false).build();


    @Test
    void delayedAckAfter40msForOneSegment()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < P. 1:101(100) ack 1 win 65535
            +.04  > . 1:1(0) ack 101
            +0    event(READABLE)
            +0    read(100)
            """);
    }

    @Test
    void everySecondFullSegmentAckedAtOnce()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < . 1:1445(1444) ack 1 win 65535
            +.01  < . 1445:2889(1444) ack 1 win 65535
            +0    > . 1:1(0) ack 2889
            """);
    }

    @Test
    void outOfOrderSegmentAckedAtOnceThenGapFillAckedAtOnce()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < . 1445:2889(1444) ack 1 win 65535
            +0    > . 1:1(0) ack 1
            +.01  < . 1:1445(1444) ack 1 win 65535
            +0    > . 1:1(0) ack 2889
            +0    read(2888)
            """);
    }

    @Test
    void duplicateSegmentAckedAndDeliveredOnce()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < P. 1:101(100) ack 1 win 65535
            +.04  > . 1:1(0) ack 101
            +0    < P. 1:101(100) ack 1 win 65535
            +0    > . 1:1(0) ack 101
            +0    < P. 51:151(100) ack 1 win 65535     # overlaps: only bytes 101..150 are new
            +0    > . 1:1(0) ack 151
            +0    read(150)
            +0    drops(OUT_OF_WINDOW, 1)
            """);
    }

    @Test
    void dataSentAndRetransmittedWithExponentialBackoff()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    write(1000)
            +0    > P. 1:1001(1000) ack 1
            +.3   > P. 1:1001(1000) ack 1       # RTO = 100 ms + 4 * 50 ms
            +.6   > P. 1:1001(1000) ack 1
            +1.2  > P. 1:1001(1000) ack 1
            +.1   < . 1:1(0) ack 1001 win 65535
            """);
    }

    @Test
    void fastRetransmitAfterThreeDuplicateAcksThenNewRenoPartialAck()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    write(7220)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > . 2889:4333(1444) ack 1
            +0    > . 4333:5777(1444) ack 1
            +0    > P. 5777:7221(1444) ack 1
            +.1   < . 1:1(0) ack 1445 win 65535         # segments 2 and 3 lost
            +0    < . 1:1(0) ack 1445 win 65535         # three duplicate ACKs
            +0    < . 1:1(0) ack 1445 win 65535
            +0    < . 1:1(0) ack 1445 win 65535
            +0    > . 1445:2889(1444) ack 1             # fast retransmit, no RTO wait
            +.1   < . 1:1(0) ack 2889 win 65535         # partial ACK (RFC 6582): the next hole at once
            +0    > . 2889:4333(1444) ack 1
            +.1   < . 1:1(0) ack 7221 win 65535         # everything: recovery ends
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void firstSegmentLossIsLeftToTheRtoAsRfc6582Says()
    {
        // recover starts at the ISS and an ACK must cover more than it (RFC 6582 §3.2 steps 1-2):
        // duplicate ACKs of the SYN alone (ack 1) do not start fast retransmit.
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    write(5776)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > . 2889:4333(1444) ack 1
            +0    > P. 4333:5777(1444) ack 1
            +.1   < . 1:1(0) ack 1 win 65535
            +0    < . 1:1(0) ack 1 win 65535
            +0    < . 1:1(0) ack 1 win 65535
            +.2   > . 1:1445(1444) ack 1                # the RTO (300 ms after the send)
            """);
    }

    @Test
    void nagleHoldsSmallSegmentWhileDataIsUnacknowledged()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    write(100)
            +0    > P. 1:101(100) ack 1
            +0    write(100)
            +0    write(100)
            +.1   < . 1:1(0) ack 101 win 65535
            +0    > P. 101:301(200) ack 1
            +.1   < . 1:1(0) ack 301 win 65535
            +0    nodelay()
            +0    write(10)
            +0    > P. 301:311(10) ack 1
            +0    write(10)
            +0    > P. 311:321(10) ack 1
            """);
    }

    @Test
    void ackOfUnsentDataIsAnsweredAndDropped()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < . 1:1(0) ack 5000 win 65535
            +0    > . 1:1(0) ack 1
            +0    drops(BAD_ACK, 1)
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void outOfWindowSegmentGetsAck()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < P. 900000:900010(10) ack 1 win 65535
            +0    > . 1:1(0) ack 1
            +0    drops(OUT_OF_WINDOW, 1)
            """);
    }

    @Test
    void outOfWindowPureAcksAreAnsweredAtMostTwicePerSecond()
    {
        // Two endpoints that disagree about sequence numbers must not ACK each other forever.
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < . 900000:900000(0) ack 1 win 65535
            +0    > . 1:1(0) ack 1
            +.1   < . 900000:900000(0) ack 1 win 65535
            +.1   < . 900000:900000(0) ack 1 win 65535
            +.3   < . 900000:900000(0) ack 1 win 65535
            +0    > . 1:1(0) ack 1
            """);
    }

    @Test
    void rfc5961ResetHandling()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < R 900000:900000(0) win 0            # outside the window: dropped silently
            +0    < R 500:500(0) win 0                  # in the window but not RCV.NXT: challenge ACK
            +0    > . 1:1(0) ack 1
            +0    state(ESTABLISHED)
            +0    drops(BAD_RST, 1)
            +0    < R 1:1(0) win 0                      # exactly RCV.NXT: reset
            +0    event(RESET)
            +0    state(CLOSED)
            +0    connections(0)
            """);
    }

    @Test
    void rfc5961SynOnEstablishedConnectionGetsChallengeAck()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > . 1:1(0) ack 1
            +0    < S 77:77(0) win 65535 <mss 1452>      # in the window or not, a SYN gets a challenge ACK
            +0    > . 1:1(0) ack 1
            +0    state(ESTABLISHED)
            +0    drops(UNEXPECTED_SYN, 2)
            """);
    }

    @Test
    void challengeAcksAreRateLimited()
    {
        run(SegmentScript.baseConfig().windowScaling(false).challengeAcksPerSecond(2).build(), SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < R 500:500(0) win 0
            +0    > . 1:1(0) ack 1
            +0    < R 501:501(0) win 0
            +0    > . 1:1(0) ack 1
            +0    < R 502:502(0) win 0                  # third in this second: no ACK
            +1    < R 503:503(0) win 0
            +0    > . 1:1(0) ack 1
            """);
    }

    @Test
    void zeroWindowProbesBackOffAndTransferResumes()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    write(2000)
            +0    > . 1:1445(1444) ack 1                 # Nagle holds the last 556 bytes
            +.1   < . 1:1(0) ack 1445 win 0              # all acknowledged, but the window closed
            +.25  > . 1445:1446(1) ack 1                 # probe after one RTO (250 ms now)
            +0    < . 1:1(0) ack 1445 win 0
            +.5   > . 1445:1446(1) ack 1                 # backed off
            +0    < . 1:1(0) ack 1445 win 0
            +1    > . 1445:1446(1) ack 1
            +0    < . 1:1(0) ack 1445 win 65535          # window opens
            +0    > P. 1445:2001(556) ack 1
            +.1   < . 1:1(0) ack 2001 win 65535
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void receiverAdvertisesZeroWindowAndReopensIt()
    {
        run(SegmentScript.baseConfig().windowScaling(false).receiveBufferBytes(2888).delayedAck(Duration.ofMillis(0)).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 win 2888 <mss 1452>
            +.1   < . 1:1(0) ack 1 win 65535
            +0    < . 1:1445(1444) ack 1 win 65535
            +0    > . 1:1(0) ack 1445 win 1444
            +0    < . 1445:2889(1444) ack 1 win 65535
            +0    > . 1:1(0) ack 2889 win 0
            +0    < . 2889:2890(1) ack 1 win 65535        # a zero-window probe: not accepted
            +0    > . 1:1(0) ack 2889 win 0
            +0    read(2888)
            +0    > . 1:1(0) ack 2889 win 2888            # window update once reading frees space
            """);
    }
}
