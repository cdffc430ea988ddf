package io.rudp.core.config;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.connection.Endpoint;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No configuration yields a guessable SYN-cookie key: none is all zeros, and none is used unset. */
class SecretsTest
{
    @Test
    void anAllZeroSecretIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> RudpConfig.builder().isnSecret(0, 0));
        assertThrows(IllegalArgumentException.class, () -> RudpConfig.builder().synCookieSecret(0, 0));
    }

    @Test
    void onlyAnExplicitSecretKeysSynCookies()
    {
        assertTrue(RudpConfig.defaults().synCookieSecretMissing());
        assertTrue(RudpConfig.builder().isnGenerator((now, lp, r, rp) -> 42).build().synCookieSecretMissing(),
            "an ISN generator of one's own is no cookie secret");
        assertFalse(RudpConfig.builder().isnSecret(1, 2).build().synCookieSecretMissing());
        final RudpConfig both = RudpConfig.builder().isnGenerator((now, lp, r, rp) -> 42).synCookieSecret(3, 4).build();
        assertFalse(both.synCookieSecretMissing());
        assertEquals(3, both.synCookieKey0());
        assertEquals(4, both.synCookieKey1());
    }

    @Test
    void withoutASecretAFullHalfOpenTableDropsSynsInsteadOfIssuingCookies()
    {
        final RudpConfig config = RudpConfig.builder().isnGenerator((now, lp, r, rp) -> 42).maxHalfOpen(2).build();
        final Endpoint server = new Endpoint(config);
        server.listen(80);
        final SegmentCodec codec = new SegmentCodec();
        final ByteBuffer out = ByteBuffer.allocate(config.maxDatagramBytes());
        for (int i = 0; i < 5; i++)
        {
            final Segment syn = new Segment();
            syn.srcPort = 40_000 + i;
            syn.dstPort = 80;
            syn.seq = 1000 * i;
            syn.flags = TcpFlags.SYN;
            syn.window = 65535;
            out.clear();
            final int length = SegmentCodec.encodeHeader(syn, out, 0);
            codec.seal(out, 0, length);
            out.limit(length);
            server.onDatagram(1_000_000_000L, out, new InetSocketAddress("127.0.0.1", 5000 + i));
        }
        assertEquals(2, server.halfOpenCount());
        assertEquals(0, server.synCookiesSent(), "no cookies without a secret");
        assertEquals(3, server.dropCounters().get(DropReason.TABLE_FULL));
    }
}
