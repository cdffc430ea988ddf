package io.rudp.core.script;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.rudp.core.script.SegmentScript.run;

/** Timestamps and PAWS, keepalive, and option negotiation. */
class OptionsAndTimersScriptTest
{
    @Test
    void pawsDropsSegmentsWithOldTimestamps()
    {
        run(SegmentScript.baseConfig().timestamps(true).windowScaling(false).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452,TS val 1000 ecr 0>
            +0    > S. 0:0(0) ack 1 <mss 1452,TS val 0 ecr 1000>
            +.1   < . 1:1(0) ack 1 win 65535 <TS val 1110 ecr 0>
            +0    event(CONNECTED)
            +0    < P. 1:11(10) ack 1 win 65535 <TS val 900 ecr 0>  # 210 ms older than TS.Recent
            +0    > . 1:1(0) ack 1 <TS val 0 ecr 1110>
            +0    drops(PAWS, 1)
            +0    < P. 1:11(10) ack 1 win 65535 <TS val 1050 ecr 0> # 60 ms older: reordering, accepted
            +.04  > . 1:1(0) ack 11 <TS val 0 ecr 1110>
            +0    read(10)
            """);
    }

    @Test
    void optionsOnlyAnsweredWhenOffered()
    {
        run(SegmentScript.baseConfig().timestamps(true).sack(true).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 536>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < . 1:1(0) ack 1 win 65535
            +0    write(1000)
            +0    > . 1:529(528) ack 1                 # MSS 536 less the 8-byte CRC option (RFC 6691)
            +.1   < . 1:1(0) ack 529 win 65535           # Nagle held the partial segment until now
            +0    > P. 529:1001(472) ack 1
            """);
    }

    @Test
    void sackBlocksReportOutOfOrderData()
    {
        run(SegmentScript.baseConfig().sack(true).windowScaling(false).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452,sackOK>
            +0    > S. 0:0(0) ack 1 <mss 1452,sackOK>
            +.1   < . 1:1(0) ack 1 win 65535
            +0    < . 1001:2001(1000) ack 1 win 65535
            +0    > . 1:1(0) ack 1 <sack 1001:2001>
            +0    < . 3001:4001(1000) ack 1 win 65535
            +0    > . 1:1(0) ack 1 <sack 3001:4001,sack 1001:2001>
            +0    < . 1:1001(1000) ack 1 win 65535
            +0    > . 1:1(0) ack 2001 <sack 3001:4001>
            """);
    }

    @Test
    void aPeerSilentForTheIdleTimeoutIsLetGo()
    {
        // This side only receives: nothing is in flight, so no retransmission timer watches the peer.
        // Data arriving restarts the count; 10 s of silence after it ends the connection with a RST.
        run(SegmentScript.baseConfig().windowScaling(false).idleTimeout(Duration.ofSeconds(10)).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < . 1:1(0) ack 1 win 65535
            +0    event(CONNECTED)
            +9    < P. 1:101(100) ack 1 win 65535
            +.04  > . 1:1(0) ack 101
            +0    read(100)
            +9.96 > R. 1:1(0) ack 101                  # 10 s after the peer was last heard (9.1 s)
            +0    event(TIMED_OUT)
            +0    connections(0)
            """);
    }

    @Test
    void keepAliveAnsweredHoldsAQuietConnectionPastTheIdleTimeout()
    {
        run(SegmentScript.baseConfig().windowScaling(false).idleTimeout(Duration.ofSeconds(10)).keepAlive(true)
            .keepAliveIdle(Duration.ofSeconds(6)).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < . 1:1(0) ack 1 win 65535
            +0    event(CONNECTED)
            +6    > . 0:0(0) ack 1
            +0    < . 1:1(0) ack 1 win 65535           # the peer answers: it is alive
            +6    > . 0:0(0) ack 1
            +0    < . 1:1(0) ack 1 win 65535
            +0    state(ESTABLISHED)                     # 12 s in, past the 10 s idle timeout
            """);
    }

    @Test
    void thePeersKeepalivesHoldThisSidePastItsIdleTimeout()
    {
        // This side has no keepalive of its own; the peer probes every 6 s (SEQ = RCV.NXT - 1).
        run(SegmentScript.baseConfig().windowScaling(false).idleTimeout(Duration.ofSeconds(10)).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < . 1:1(0) ack 1 win 65535
            +0    event(CONNECTED)
            +6    < . 0:0(0) ack 1 win 65535           # the peer's keepalive
            +0    > . 1:1(0) ack 1                     # answered
            +6    < . 0:0(0) ack 1 win 65535
            +0    > . 1:1(0) ack 1
            +0    state(ESTABLISHED)                     # 12 s in, past the 10 s idle timeout
            +9.9  no_event(TIMED_OUT)
            +.1   > R. 1:1(0) ack 1 win 0              # 10 s after the last probe
            +0    event(TIMED_OUT)
            """);
    }

    @Test
    void keepAliveProbesThenTimesOut()
    {
        run(SegmentScript.baseConfig().windowScaling(false).keepAlive(true).keepAliveIdle(Duration.ofSeconds(10))
            .keepAliveInterval(Duration.ofSeconds(1)).keepAliveProbes(2).build(), """
            0     listen(8080)
            +0    < S 0:0(0) win 65535 <mss 1452>
            +0    > S. 0:0(0) ack 1 <mss 1452>
            +.1   < . 1:1(0) ack 1 win 65535
            +10   > . 0:0(0) ack 1                     # SEQ = SND.UNA - 1 asks for an ACK
            +0    < . 1:1(0) ack 1 win 65535           # answered: idle again
            +10   > . 0:0(0) ack 1
            +1    > . 0:0(0) ack 1
            +1    event(TIMED_OUT)
            +0    connections(0)
            """);
    }
}
