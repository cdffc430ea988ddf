package io.rudp.core.recovery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting a record when the segment size falls: pieces in order, marks and totals kept, the ring wrapped or grown. */
class SentLogSplitTest
{
    @Test
    void aLostProbeBecomesSegmentsOfTheCurrentSizeInPlace()
    {
        final SentLog log = new SentLog();
        // Fill and drain part of the ring so the records wrap around its end.
        int seq = 1000;
        for (int i = 0; i < 12; i++)
        {
            log.append(seq, seq + 100, i, i);
            seq += 100;
        }
        for (int i = 0; i < 10; i++)
        {
            log.removeHead();
        }
        final int probeStart = seq;
        log.append(seq, seq + 8000, 50, 7);
        seq += 8000;
        log.append(seq, seq + 100, 51, 8);
        final int probeOrdinal = 2;
        log.markLost(log.slot(probeOrdinal));
        final long bytesBefore = log.bytes();

        assertEquals(6, log.split(probeOrdinal, 1400));

        assertEquals(9, log.size());
        assertEquals(bytesBefore, log.bytes());
        assertEquals(8000, log.lostBytes(), "every piece is still lost");
        int expect = probeStart;
        for (int p = 0; p < 6; p++)
        {
            final int slot = log.slot(probeOrdinal + p);
            assertEquals(expect, log.start(slot));
            assertEquals(p == 5 ? 8000 - 5 * 1400 : 1400, log.length(slot));
            assertTrue(log.is(slot, SentLog.LOST));
            assertEquals(50, log.sentNs(slot));
            expect = log.end(slot);
        }
        final int after = log.slot(8);
        assertEquals(probeStart + 8000, log.start(after), "the record after it moved up intact");
        assertEquals(51, log.sentNs(after));
        assertEquals(1, log.split(8, 1400), "a record that fits stays whole");
    }
}
