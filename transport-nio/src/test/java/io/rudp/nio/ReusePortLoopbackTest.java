package io.rudp.nio;

import io.rudp.nio.testkit.ReusePortCheck;
import io.rudp.nio.testkit.TestEcho;
import io.rudp.core.config.RudpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several loops serving one UDP port (SO_REUSEPORT), on loopback. */
class ReusePortLoopbackTest
{
    @Test
    @Timeout(30)
    void twoLoopsOnOnePortEachAcceptAndServeTheConnectionsTheKernelHandsThem() throws Exception
    {
        ReusePortCheck.twoLoopsOnOnePortEachAcceptAndServe(RudpLoop::start);
    }

    @Test
    @Timeout(10)
    void withoutReusePortASecondBindOfThePortFails() throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket a = loop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), RudpConfig.defaults());
            assertThrows(BindException.class, () -> loop.bind(a.localAddress(), RudpConfig.defaults()));
        }
    }
}
