package io.rudp.core.congestion;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowedMaxFilterTest
{
    @Test
    void keepsTheMaximumOfTheWindowAndForgetsOlderOnes()
    {
        final WindowedMaxFilter f = new WindowedMaxFilter(10);
        f.update(0, 100);
        f.update(1, 50);
        assertEquals(100, f.get());
        for (int t = 2; t <= 10; t++)
        {
            f.update(t, 60);
        }
        assertEquals(100, f.get(), "still inside the window");
        f.update(11, 60);
        assertEquals(60, f.get(), "the 100 at time 0 aged out");
        f.update(12, 200);
        assertEquals(200, f.get());
    }
}
