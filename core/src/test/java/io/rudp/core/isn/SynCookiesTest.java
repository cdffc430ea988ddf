package io.rudp.core.isn;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SynCookiesTest
{
    private static final long SLOT_NS = 64_000_000_000L;

    @Test
    void cookieRoundTripsForTwoSlotsAndNoLonger() throws Exception
    {
        final SynCookies cookies = new SynCookies(7, 8);
        final InetSocketAddress peer = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 9}), 4000);
        final int cookie = cookies.cookie(10 * SLOT_NS, 443, peer, 50000, 123456, 1452);
        assertEquals(1452, cookies.validate(10 * SLOT_NS, 443, peer, 50000, 123456, cookie));
        assertEquals(1452, cookies.validate(11 * SLOT_NS + 5, 443, peer, 50000, 123456, cookie), "next slot still valid");
        assertEquals(-1, cookies.validate(12 * SLOT_NS, 443, peer, 50000, 123456, cookie), "expired");
        assertEquals(-1, cookies.validate(10 * SLOT_NS, 443, peer, 50000, 123457, cookie), "another peer ISN");
        assertEquals(-1, cookies.validate(10 * SLOT_NS, 444, peer, 50000, 123456, cookie), "another port");
        assertEquals(-1, cookies.validate(10 * SLOT_NS, 443, peer, 50000, 123456, cookie ^ 1), "tampered");
        assertEquals(536, cookies.validate(0, 443, peer, 1, 1, cookies.cookie(0, 443, peer, 1, 1, 600)), "MSS rounds down");
    }
}
