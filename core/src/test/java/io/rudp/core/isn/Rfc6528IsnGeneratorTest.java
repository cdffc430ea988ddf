package io.rudp.core.isn;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class Rfc6528IsnGeneratorTest
{
    private static InetSocketAddress peer(final int lastByte, final int port) throws Exception
    {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte)lastByte}), port);
    }

    @Test
    void clockTicksEveryFourMicrosecondsAndTheHashSeparatesTuples() throws Exception
    {
        final Rfc6528IsnGenerator g = new Rfc6528IsnGenerator(11, 22);
        final int at0 = g.isn(0, 5000, peer(2, 9000), 80);
        assertEquals(at0 + 250, g.isn(1_000_000, 5000, peer(2, 9000), 80), "1 ms = 250 ticks of 4 µs");
        assertNotEquals(at0, g.isn(0, 5001, peer(2, 9000), 80), "another local port");
        assertNotEquals(at0, g.isn(0, 5000, peer(3, 9000), 80), "another peer address");
        assertNotEquals(at0, g.isn(0, 5000, peer(2, 9001), 80), "another peer UDP port");
        assertNotEquals(at0, new Rfc6528IsnGenerator(11, 23).isn(0, 5000, peer(2, 9000), 80), "another secret");
    }

    @Test
    void sipHashMatchesTheReferenceVector()
    {
        // SipHash-2-4 paper, Appendix A: key 00..0f, message 00..0e -> a129ca6149be45e5.
        long k0 = 0;
        long k1 = 0;
        for (int i = 0; i < 8; i++)
        {
            k0 |= (long)i << (8 * i);
            k1 |= (long)(i + 8) << (8 * i);
        }
        final SipHash h = new SipHash(k0, k1);
        for (int i = 0; i < 15; i++)
        {
            h.update((byte)i);
        }
        assertEquals(0xa129ca6149be45e5L, h.finish());
    }
}
