package io.rudp.core.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeqNumTest
{
    @Test
    void comparesAcrossTheWrap()
    {
        final int beforeWrap = 0xFFFF_FFF0;
        final int afterWrap = 0x0000_0010;
        assertTrue(SeqNum.lt(beforeWrap, afterWrap));
        assertTrue(SeqNum.gt(afterWrap, beforeWrap));
        assertEquals(0x20, SeqNum.diff(afterWrap, beforeWrap));
        assertTrue(SeqNum.inRange(0, beforeWrap, afterWrap));
        assertFalse(SeqNum.inRange(afterWrap, beforeWrap, afterWrap));
        assertEquals(afterWrap, SeqNum.max(beforeWrap, afterWrap));
        assertEquals(4294967280L, SeqNum.unsigned(beforeWrap));
    }
}
