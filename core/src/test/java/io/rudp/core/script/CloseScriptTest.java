package io.rudp.core.script;

import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.rudp.core.script.SegmentScript.run;

/** Closing: active, passive, simultaneous, half-close, TIME-WAIT, and the RST cases of closing. */
class CloseScriptTest
{
    private static final RudpConfig CONFIG = SegmentScript.baseConfig().windowScaling(false).build();


    @Test
    void activeCloseThroughTimeWait()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    close()
            +0    > F. 1:1(0) ack 1
            +0    state(FIN_WAIT_1)
            +.1   < . 1:1(0) ack 2 win 65535
            +0    state(FIN_WAIT_2)
            +.1   < F. 1:1(0) ack 2 win 65535
            +0    > . 2:2(0) ack 2
            +0    state(TIME_WAIT)
            +0    event(CLOSED)
            +30   < F. 1:1(0) ack 2 win 65535           # retransmitted FIN: re-ACKed, 2 MSL restarts
            +0    > . 2:2(0) ack 2
            +59.9 state(TIME_WAIT)
            +.1   connections(0)
            """);
    }

    @Test
    void passiveClose()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < F. 1:1(0) ack 1 win 65535
            +0    > . 1:1(0) ack 2
            +0    state(CLOSE_WAIT)
            +0    event(PEER_CLOSED)
            +0    read_eof()
            +0    close()
            +0    > F. 1:1(0) ack 2
            +0    state(LAST_ACK)
            +.1   < . 2:2(0) ack 2 win 65535
            +0    state(CLOSED)
            +0    event(CLOSED)
            +0    connections(0)
            """);
    }

    @Test
    void simultaneousCloseGoesThroughClosing()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    close()
            +0    > F. 1:1(0) ack 1
            +.05  < F. 1:1(0) ack 1 win 65535          # the peer's FIN crossed ours
            +0    > . 2:2(0) ack 2
            +0    state(CLOSING)
            +.05  < . 2:2(0) ack 2 win 65535
            +0    state(TIME_WAIT)
            +0    event(CLOSED)
            """);
    }

    @Test
    void finThatAcksOursGoesStraightToTimeWait()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    close()
            +0    > F. 1:1(0) ack 1
            +.1   < F. 1:1(0) ack 2 win 65535
            +0    > . 2:2(0) ack 2
            +0    state(TIME_WAIT)
            """);
    }

    @Test
    void halfCloseKeepsReceiving()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    shutdown()
            +0    > F. 1:1(0) ack 1
            +.1   < . 1:1(0) ack 2 win 65535
            +0    state(FIN_WAIT_2)
            +0    < P. 1:101(100) ack 2 win 65535
            +.04  > . 2:2(0) ack 101
            +0    read(100)
            +0    < F. 101:101(0) ack 2 win 65535
            +0    > . 2:2(0) ack 102
            +0    read_eof()
            +0    state(TIME_WAIT)
            """);
    }

    @Test
    void peerHalfCloseAndWeKeepSending()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < F. 1:1(0) ack 1 win 65535
            +0    > . 1:1(0) ack 2
            +0    write(100)
            +0    > P. 1:101(100) ack 2
            +.1   < . 2:2(0) ack 101 win 65535
            +0    shutdown()
            +0    > F. 101:101(0) ack 2
            +.1   < . 2:2(0) ack 102 win 65535
            +0    state(CLOSED)
            """);
    }

    @Test
    void finRetransmittedOnRto()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    close()
            +0    > F. 1:1(0) ack 1
            +.3   > F. 1:1(0) ack 1
            +.6   > F. 1:1(0) ack 1
            +.1   < . 1:1(0) ack 2 win 65535
            +0    state(FIN_WAIT_2)
            """);
    }

    @Test
    void closeWithUnreadDataSendsReset()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < P. 1:101(100) ack 1 win 65535
            +0    close()
            +0    > R. 1:1(0) ack 101
            +0    state(CLOSED)
            +0    event(CLOSED)
            +0    connections(0)
            """);
    }

    @Test
    void dataAfterFullCloseGetsReset()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    close()
            +0    > F. 1:1(0) ack 1
            +.1   < P. 1:101(100) ack 2 win 65535
            +0    > R. 2:2(0) ack 1
            +0    connections(0)
            """);
    }

    @Test
    void abortSendsReset()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    write(100)
            +0    > P. 1:101(100) ack 1
            +0    abort()
            +0    > R. 101:101(0) ack 1
            +0    state(CLOSED)
            +0    event(CLOSED)
            """);
    }

    @Test
    void resetInTimeWaitEndsIt()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    close()
            +0    > F. 1:1(0) ack 1
            +.1   < F. 1:1(0) ack 2 win 65535
            +0    > . 2:2(0) ack 2
            +1    < R 2:2(0) win 0
            +0    connections(0)
            """);
    }

    @Test
    void finWait2TimesOutAfterFullClose()
    {
        run(SegmentScript.baseConfig().windowScaling(false).finWait2Timeout(Duration.ofSeconds(10)).build(), SegmentScript.ESTABLISHED_PASSIVE + """
            +0    close()
            +0    > F. 1:1(0) ack 1
            +.1   < . 1:1(0) ack 2 win 65535
            +9.9  state(FIN_WAIT_2)
            +.1   connections(0)
            """);
    }

    @Test
    void outOfOrderFinWaitsForTheGap()
    {
        run(CONFIG, SegmentScript.ESTABLISHED_PASSIVE + """
            +0    < F. 101:101(0) ack 1 win 65535
            +0    > . 1:1(0) ack 1
            +0    state(ESTABLISHED)
            +0    < P. 1:101(100) ack 1 win 65535
            +0    > . 1:1(0) ack 102
            +0    state(CLOSE_WAIT)
            +0    read(100)
            +0    read_eof()
            """);
    }
}
