package io.rudp.examples;

import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code perf-server --port P [--host H] [--once]}: receives perf streams, verifies each one's
 * SHA-256 and answers whether it matched. With {@code --once} it exits after one stream, with
 * status 0 only if it matched.
 */
final class PerfServer
{
    private PerfServer()
    {
    }

    static int run(final String[] argv) throws Exception
    {
        final Args args = new Args(argv, Set.of("once"), ConnectionOptions.with("port", "host"));
        final int port = args.requiredInt("port");
        final String host = args.get("host", null); // all interfaces unless --host names one
        final boolean once = args.flag("once");
        final RudpLoop loop = RudpLoop.start(LoopConfig.defaults());
        final RudpSocket socket = loop.bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port),
            ConnectionOptions.config(args));
        ConnectionOptions.capture(args, socket);
        final CountDownLatch done = new CountDownLatch(1);
        loop.terminationFuture().whenComplete((v, e) -> done.countDown()); // a dead loop ends the wait
        final boolean[] lastMatched = {false};
        socket.listen(socket.localAddress().getPort(), c ->
        {
            final Thread t = new Thread(() ->
            {
                lastMatched[0] = serve(c);
                if (once)
                {
                    done.countDown();
                }
            }, "perf-" + c.remotePort());
            t.setDaemon(true);
            t.start();
        });
        System.out.println("perf-server listening on " + socket.localAddress() + (once ? " for one stream" : "; Ctrl-C to stop"));
        done.await();
        if (loop.failure() != null)
        {
            System.err.println("perf-server: the rudp loop died: " + loop.failure());
            return 1;
        }
        loop.close();
        return lastMatched[0] ? 0 : 1;
    }

    private static long readLength(final DataInputStream in, final long length, final MessageDigest digest,
        final byte[] expected) throws java.io.IOException
    {
        final byte[] buf = new byte[PerfStream.BLOCK_BYTES];
        long remaining = length;
        while (remaining > 0)
        {
            final int n = in.read(buf, 0, (int)Math.min(buf.length, remaining));
            if (n < 0)
            {
                throw new java.io.EOFException("stream ended " + remaining + " bytes early");
            }
            digest.update(buf, 0, n);
            remaining -= n;
        }
        in.readFully(expected);
        return length;
    }

    /** A timed stream: everything up to the sender's close, less the last 32 bytes, which are the digest. */
    private static long readUntilClosed(final DataInputStream in, final MessageDigest digest, final byte[] expected)
        throws java.io.IOException
    {
        final int tailBytes = PerfStream.DIGEST_BYTES;
        final byte[] buf = new byte[tailBytes + PerfStream.BLOCK_BYTES];
        int held = 0; // bytes at the front of buf not hashed yet: possibly the digest
        long length = 0;
        int n;
        while ((n = in.read(buf, held, buf.length - held)) >= 0)
        {
            final int total = held + n;
            final int hashable = Math.max(0, total - tailBytes);
            digest.update(buf, 0, hashable);
            length += hashable;
            System.arraycopy(buf, hashable, buf, 0, total - hashable);
            held = total - hashable;
        }
        if (held != tailBytes)
        {
            throw new java.io.EOFException("stream ended before its digest");
        }
        System.arraycopy(buf, 0, expected, 0, tailBytes);
        return length;
    }

    private static boolean serve(final RudpConnection c)
    {
        try (DataInputStream in = new DataInputStream(c.inputStream()); OutputStream out = c.outputStream())
        {
            final long startNs = System.nanoTime();
            final long announced = in.readLong();
            final MessageDigest digest = PerfStream.sha256();
            final byte[] expected = new byte[PerfStream.DIGEST_BYTES];
            final long length = announced == PerfStream.UNTIL_CLOSED ? readUntilClosed(in, digest, expected)
                : readLength(in, announced, digest, expected);
            final byte[] actual = digest.digest();
            final boolean matched = Arrays.equals(expected, actual);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            out.write(matched ? 1 : 0);
            out.write(actual);
            out.flush();
            System.out.printf("perf-server: %s from %s in %.2f s (%.1f Mbit/s); SHA-256 %s: %s%n",
                PerfStream.human(length), c.remoteAddress(), seconds, length * 8 / seconds / 1e6,
                matched ? "matches" : "MISMATCH", PerfStream.hex(actual));
            return matched;
        }
        catch (final Exception e)
        {
            System.err.println("perf-server: " + c + ": " + e.getMessage());
            c.abort();
            return false;
        }
    }
}
