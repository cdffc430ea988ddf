package io.rudp.core.congestion;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest
{
    @Test
    void holdsItsRateWhenWakeupsComeOnAMillisecondTimer()
    {
        // The loop's selector waits whole milliseconds, and the kernel adds its timer slack: a sender
        // asking to wake 0.1 ms from now wakes 1.05 ms later. The bucket must carry the credit over.
        final Pacer pacer = new Pacer(1452);
        final long rate = 12_500_000; // 100 Mbit/s: a segment every 116 us
        long bytes = 0;
        long nowNs = 0;
        while (nowNs < 1_000_000_000L)
        {
            while (pacer.canSend(nowNs, rate))
            {
                pacer.onSent(nowNs, 1452, rate);
                bytes += 1452;
            }
            final long waitNs = pacer.nextSendNs(nowNs, rate) - nowNs;
            nowNs += (waitNs + 999_999) / 1_000_000 * 1_000_000 + 50_000;
        }
        assertEquals(rate, bytes, rate / 100, "within 1 % of the rate");
    }

    @Test
    void releasesAtTheRateAfterAShortBurst()
    {
        final Pacer pacer = new Pacer(1000);
        final long rate = 1_000_000; // 1 MB/s: one 1000-byte segment per ms
        int sent = 0;
        long nowNs = 0;
        while (pacer.canSend(nowNs, rate))
        {
            pacer.onSent(nowNs, 1000, rate);
            sent++;
        }
        assertEquals(2, sent, "a burst of two segments (2 ms at this rate is as much)");
        final long next = pacer.nextSendNs(nowNs, rate);
        assertEquals(1_000_000, next, 1_000, "the next one a segment's time later");
        assertFalse(pacer.canSend(next - 10_000, rate));
        nowNs = next;
        assertTrue(pacer.canSend(nowNs, rate));
        // Over a second, about rate bytes go out.
        long bytes = 0;
        for (long t = nowNs; t < nowNs + 1_000_000_000L; t += 100_000)
        {
            while (pacer.canSend(t, rate))
            {
                pacer.onSent(t, 1000, rate);
                bytes += 1000;
            }
        }
        assertEquals(rate, bytes, 3_000);
    }

    @Test
    void unpacedWhenTheRateIsZero()
    {
        final Pacer pacer = new Pacer(1000);
        for (int i = 0; i < 100; i++)
        {
            assertTrue(pacer.canSend(0, 0));
            pacer.onSent(0, 1000, 0);
        }
    }
}
