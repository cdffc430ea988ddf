package io.rudp.nio;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A peer whose JVM exits without closing its loop: its connections are aborted on the way out, so
 * this side learns at once (a RST) instead of after a five-minute user timeout.
 */
class ExitingPeerLoopbackTest
{
    /** The peer: connects to the port given, writes a byte, and exits without closing anything. */
    public static final class Peer
    {
        public static void main(final String[] args) throws Exception
        {
            connectAndWrite(Integer.parseInt(args[0]));
            System.exit(0);
        }

        static RudpConnection connectAndWrite(final int port) throws Exception
        {
            final RudpLoop loop = RudpLoop.start(LoopConfig.defaults());
            final RudpSocket socket = loop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                RudpConfig.defaults());
            final RudpConnection c = socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .get(5, TimeUnit.SECONDS);
            c.outputStream().write(42);
            c.outputStream().flush(); // waits until the loop has the byte
            return c;
        }
    }

    /** A peer that connects, writes a byte, and then waits to be killed (SIGKILL: nothing is sent). */
    public static final class SilentPeer
    {
        public static void main(final String[] args) throws Exception
        {
            Peer.connectAndWrite(Integer.parseInt(args[0]));
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    @Test
    @Timeout(30)
    void aPeerKilledWhileThisSideOnlyReceivesIsLetGoAfterTheIdleTimeout() throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket server = loop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                RudpConfig.builder().idleTimeout(Duration.ofSeconds(2)).build());
            final CompletableFuture<RudpConnection> accepted = new CompletableFuture<>();
            server.listen(server.localAddress().getPort(), accepted::complete);
            final Process peer = start(SilentPeer.class, server.localAddress().getPort());
            try
            {
                final RudpConnection connection = accepted.get(15, TimeUnit.SECONDS);
                assertEquals(42, connection.inputStream().read(), "the peer's byte");
                peer.destroyForcibly().waitFor(); // SIGKILL: no hook, no RST
                final long killedNs = System.nanoTime();
                assertEquals(CloseReason.IDLE_TIMEOUT, connection.closeFuture().get(10, TimeUnit.SECONDS));
                System.out.printf("killed peer let go %.2f s after it died (idle timeout 2 s)%n",
                    (System.nanoTime() - killedNs) / 1e9);
            }
            finally
            {
                peer.destroyForcibly();
            }
        }
    }

    private static Process start(final Class<?> main, final int port) throws java.io.IOException
    {
        return new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
            "-cp", childClassPath(main), main.getName(), Integer.toString(port)).inheritIO().start();
    }

    /**
     * Everything this test runs with, as a plain class path for the child: the test classes (which
     * the module-path launch patches into the module rather than listing), the class path, and the
     * module path if there is one.
     */
    private static String childClassPath(final Class<?> main)
    {
        final StringBuilder path = new StringBuilder();
        try
        {
            path.append(new File(main.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        catch (final java.net.URISyntaxException e)
        {
            throw new IllegalStateException(e);
        }
        for (final String property : new String[] {"java.class.path", "jdk.module.path"})
        {
            final String value = System.getProperty(property);
            if (value != null && !value.isEmpty())
            {
                path.append(File.pathSeparator).append(value);
            }
        }
        return path.toString();
    }

    @Test
    @Timeout(30)
    void aPeerThatExitsIsNoticedAtOnce() throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            final RudpSocket server = loop.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                RudpConfig.defaults());
            final CompletableFuture<RudpConnection> accepted = new CompletableFuture<>();
            server.listen(server.localAddress().getPort(), accepted::complete);
            final Process peer = start(Peer.class, server.localAddress().getPort());
            try
            {
                final RudpConnection connection = accepted.get(15, TimeUnit.SECONDS);
                assertEquals(0, peer.waitFor() == 0 ? 0 : peer.exitValue(), "the peer exited normally");
                final long exitedNs = System.nanoTime();
                assertEquals(CloseReason.RESET_BY_PEER, connection.closeFuture().get(5, TimeUnit.SECONDS),
                    "the peer's exit reset the connection");
                System.out.printf("exiting peer noticed %.1f ms after its process ended%n",
                    (System.nanoTime() - exitedNs) / 1e6);
            }
            finally
            {
                peer.destroyForcibly();
            }
        }
    }
}
