package io.rudp.core.buffer;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiveBufferTest
{
    private static ByteBuffer bytes(final int from, final int count)
    {
        final ByteBuffer b = ByteBuffer.allocate(count);
        for (int i = 0; i < count; i++)
        {
            b.put(i, (byte)(from + i));
        }
        return b;
    }

    @Test
    void reassemblesOutOfOrderAcrossTheSequenceWrap()
    {
        final int base = -50; // 0xFFFFFFCE: the stream crosses 2^32
        final ReceiveBuffer rb = new ReceiveBuffer(1000);
        rb.init(base);
        assertEquals(0, rb.accept(base + 100, bytes(100, 100), 0, 100));
        assertEquals(0, rb.accept(base + 300, bytes(300, 50), 0, 50));
        assertEquals(2, rb.outOfOrder().size());
        assertEquals(200, rb.accept(base, bytes(0, 200), 0, 200), "fills the first gap, joins the island");
        assertEquals(0, rb.accept(base + 150, bytes(150, 50), 0, 50), "duplicate bytes add nothing");
        assertEquals(150, rb.accept(base + 200, bytes(200, 100), 0, 100), "joins the second island");
        final ByteBuffer out = ByteBuffer.allocate(400);
        assertEquals(350, rb.read(out));
        for (int i = 0; i < 350; i++)
        {
            assertEquals((byte)i, out.get(i), "byte " + i);
        }
        assertEquals(base + 350, rb.rcvNxt());
    }

    @Test
    void dataBeyondTheWindowIsTrimmed()
    {
        final ReceiveBuffer rb = new ReceiveBuffer(100);
        rb.init(0);
        assertEquals(100, rb.accept(0, bytes(0, 150), 0, 150));
        assertEquals(0, rb.window());
        assertEquals(0, rb.accept(100, bytes(0, 10), 0, 10));
    }

    @Test
    void outOfOrderTableIsBounded()
    {
        final ReceiveBuffer rb = new ReceiveBuffer(1 << 20);
        rb.init(0);
        assertEquals(1024, ReceiveBuffer.maxOutOfOrderRanges(1 << 20));
        for (int i = 0; i < ReceiveBuffer.maxOutOfOrderRanges(1 << 20); i++)
        {
            assertEquals(0, rb.accept(10 + i * 10, bytes(0, 1), 0, 1));
        }
        assertEquals(-1, rb.accept(100_000, bytes(0, 1), 0, 1), "a new island past the bound is refused");
    }

    @Test
    void aLargeBufferKeepsAnIslandPerSegment()
    {
        // 8 MiB: room for every full-sized segment of the window to arrive with a hole before it.
        final int maxBytes = 8 << 20;
        assertTrue(ReceiveBuffer.maxOutOfOrderRanges(maxBytes) >= maxBytes / 1432);
        final ReceiveBuffer rb = new ReceiveBuffer(maxBytes);
        rb.init(0);
        for (int i = 1; i < maxBytes / 2 / 1432; i++)
        {
            assertEquals(0, rb.accept(i * 2 * 1432, bytes(0, 1432), 0, 1432), "segment " + i);
        }
    }
}
