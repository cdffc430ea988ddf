package io.rudp.core.script;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import static io.rudp.core.script.SegmentScript.run;

/**
 * Loss recovery with SACK, segment by segment: RACK marking exactly the holes, the tail-loss probe
 * two smoothed RTTs after the last send, the retransmission timeout behind it, and D-SACK.
 * The handshake gives one RTT sample of 100 ms: SRTT 100 ms, RTO 300 ms.
 */
class LossRecoveryScriptTest
{
    private static final RudpConfig CONFIG = SegmentScript.baseConfig().sack(true).windowScaling(false).build();

    private static final String ESTABLISHED_WITH_SACK = """
        0     listen(8080)
        +0    < S 0:0(0) win 65535 <mss 1452,sackOK>
        +0    > S. 0:0(0) ack 1 <mss 1452,sackOK>
        +.1   < . 1:1(0) ack 1 win 65535
        +0    event(CONNECTED)
        """;

    @Test
    void sackedHolesAreRetransmittedAndNothingElse()
    {
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    write(10108)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > . 2889:4333(1444) ack 1
            +0    > . 4333:5777(1444) ack 1
            +0    > . 5777:7221(1444) ack 1
            +0    > . 7221:8665(1444) ack 1
            +0    > P. 8665:10109(1444) ack 1
            +.1   < . 1:1(0) ack 1445 win 65535 <sack 2889:4333,sack 5777:10109>
            +0    > . 1445:2889(1444) ack 1              # four segments SACKed above: lost at once
            +0    > . 4333:5777(1444) ack 1              # the second hole too, and nothing SACKed
            +.1   < . 1:1(0) ack 10109 win 65535
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void aLoneHoleWaitsOutTheReorderingWindow()
    {
        // One segment SACKed above the hole: it may be reordering, so RACK waits min RTT / 4 first.
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    write(4332)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > P. 2889:4333(1444) ack 1
            +.1   < . 1:1(0) ack 1445 win 65535 <sack 2889:4333>
            +.025 > . 1445:2889(1444) ack 1              # RACK reordering timer: 100 ms + 25 ms after the send
            +.1   < . 1:1(0) ack 4333 win 65535
            """);
    }

    @Test
    void tailLossProbeAtTwoSrttThenRetransmissionTimeout()
    {
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    write(2888)
            +0    > . 1:1445(1444) ack 1
            +0    > P. 1445:2889(1444) ack 1
            +.2   > P. 1445:2889(1444) ack 1             # no ACK for 2 x SRTT: probe with the last segment
            +.3   > . 1:1445(1444) ack 1                 # and no answer to the probe: the RTO (300 ms)
            +.1   < . 1:1(0) ack 2889 win 65535
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void tailLossProbeRepairsTheTailWithoutATimeout()
    {
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    write(4332)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > P. 2889:4333(1444) ack 1
            +.1   < . 1:1(0) ack 1445 win 65535          # the last two are lost
            +.2   > P. 2889:4333(1444) ack 1             # probe 2 x SRTT after the ACK
            +.1   < . 1:1(0) ack 1445 win 65535 <sack 2889:4333>
            +0    > . 1445:2889(1444) ack 1              # the probe's SACK shows the hole: RACK resends it
            +.1   < . 1:1(0) ack 4333 win 65535
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void anAckFillingAHoleDoesNotMeasureTheHole()
    {
        // The ACK that covers the retransmission also covers segments SACKed 195 ms earlier; their
        // send times would give a 295 ms "RTT" (SRTT 124 ms). Their round trips ended when they were
        // SACKed, and the retransmission gives none (Karn, no timestamps): SRTT stays 100 ms.
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    write(4332)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > P. 2889:4333(1444) ack 1
            +.1   < . 1:1(0) ack 1 win 65535 <sack 1445:4333>
            +0    srtt_ms(100)
            +.025 > . 1:1445(1444) ack 1                 # RACK: lost after the reordering window
            +.17  < . 1:1(0) ack 4333 win 65535          # the retransmission's ACK comes late, just inside the RTO
            +0    srtt_ms(100)
            """);
    }

    @Test
    void sackedDataDoesNotOpenThePeersWindow()
    {
        // RFC 9293: nothing past SND.UNA + SND.WND. SACKed segments leave the pipe, not the window:
        // counted against the pipe, the window let the sender send two segments past its edge.
        run(CONFIG, """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452,sackOK>
            +0    > S. 0:0(0) ack 1 <mss 1452,sackOK>
            +.1   < . 1:1(0) ack 1 win 5776
            +0    event(CONNECTED)
            +0    write(8664)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > . 2889:4333(1444) ack 1
            +0    > . 4333:5777(1444) ack 1              # four segments fill the 5776-byte window
            +.1   < . 1:1(0) ack 1 win 5776 <sack 1445:5777>
            +0    > . 1:1445(1444) ack 1                 # the hole, and nothing past the window
            +.1   < . 1:1(0) ack 5777 win 5776
            +0    > . 5777:7221(1444) ack 1
            +0    > P. 7221:8665(1444) ack 1
            +.1   < . 1:1(0) ack 8665 win 5776
            """);
    }

    @Test
    void aTimeoutResendsOnlyWhatWasNotSacked()
    {
        // Linux keeps SACK marks across a timeout unless the receiver reneged; clearing them resent
        // everything the peer held. The RTO counts from the retransmission of the oldest segment.
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    write(4332)
            +0    > . 1:1445(1444) ack 1
            +0    > . 1445:2889(1444) ack 1
            +0    > P. 2889:4333(1444) ack 1
            +.1   < . 1:1(0) ack 1 win 65535 <sack 1445:4333>
            +.025 > . 1:1445(1444) ack 1                 # RACK, after the reordering window
            +.3   > . 1:1445(1444) ack 1                 # RTO 300 ms after that: the hole alone
            +.1   < . 1:1(0) ack 4333 win 65535
            +0    state(ESTABLISHED)
            """);
    }

    @Test
    void aTimeoutAfterRenegingResendsEverything()
    {
        // The oldest segment SACKed but never cumulatively acknowledged: the receiver dropped what it
        // SACKed (RFC 2018 §8 allows it), so the marks go and everything is resent, oldest first.
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    write(2888)
            +0    > . 1:1445(1444) ack 1
            +0    > P. 1445:2889(1444) ack 1
            +.1   < . 1:1(0) ack 1 win 65535 <sack 1:2889>
            +.2   > . 1:1445(1444) ack 1                 # the RTO, 300 ms after the send: one segment (cwnd 1)
            +.1   < . 1:1(0) ack 1445 win 65535
            +0    > P. 1445:2889(1444) ack 1             # then the other, though it had been SACKed
            +.1   < . 1:1(0) ack 2889 win 65535
            """);
    }

    @Test
    void duplicateSegmentIsReportedWithDsack()
    {
        run(CONFIG, ESTABLISHED_WITH_SACK + """
            +0    < P. 1:1001(1000) ack 1 win 65535
            +.04  > . 1:1(0) ack 1001
            +0    < P. 1:1001(1000) ack 1 win 65535      # the same segment again
            +0    > . 1:1(0) ack 1001 <sack 1:1001>      # RFC 2883: reported below the ACK
            +0    read(1000)
            """);
    }
}
