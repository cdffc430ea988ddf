package io.rudp.nio;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Every idle mode drives the same echo (and needs no JVM flags: surefire passes none). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleModeLoopbackTest
{
    @ParameterizedTest
    @EnumSource(IdleMode.class)
    void echoUnderEachIdleMode(final IdleMode mode) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.builder().idleMode(mode).build()))
        {
            final RudpSocket server = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            server.listen(server.localAddress().getPort(), EchoListener::attach);
            final RudpSocket client = loop.bind(LoopbackSupport.ANY_LOOPBACK, LoopbackSupport.config());
            final RudpConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            final byte[] data = LoopbackSupport.randomBytes(13, 200_000);
            try (OutputStream out = c.outputStream())
            {
                out.write(data);
            }
            try (InputStream in = c.inputStream())
            {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }
}
