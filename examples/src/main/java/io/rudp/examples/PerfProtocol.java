package io.rudp.examples;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The perf tools' conversation, one per connection. The client opens with a request: a direction
 * ({@link #FORWARD}: the client sends; {@link #REVERSE}: the server does), a byte count or
 * {@link PerfStream#UNTIL_CLOSED} for a timed run, and the run's length in milliseconds (the sender
 * of a timed run stops after it). The sender then sends that stream (see {@link PerfStream}), the
 * SHA-256 of it, and closes its output; the receiver answers with one byte (1 if the digests
 * matched) and the digest it computed, and closes.
 */
final class PerfProtocol
{
    static final byte FORWARD = 'F';
    static final byte REVERSE = 'R';

    private PerfProtocol()
    {
    }

    /** What the client asks for. */
    record Request(byte direction, long bytes, long timeMillis)
    {
        void write(final DataOutputStream out) throws IOException
        {
            out.writeByte(direction);
            out.writeLong(bytes);
            out.writeLong(timeMillis);
        }

        static Request read(final DataInputStream in) throws IOException
        {
            final byte direction = in.readByte();
            if (direction != FORWARD && direction != REVERSE)
            {
                throw new IOException("not a perf request (direction byte " + direction + ")");
            }
            return new Request(direction, in.readLong(), in.readLong());
        }
    }

    /** How one side's stream went. */
    record Result(long bytes, double seconds, boolean matched, byte[] digest)
    {
    }

    /**
     * Sends {@code bytes} (or, with {@link PerfStream#UNTIL_CLOSED}, for {@code timeMillis} or until
     * {@code stop}), the digest, closes the output, and reads the receiver's verdict.
     */
    static Result send(final DataOutputStream out, final DataInputStream in, final long bytes, final long timeMillis,
        final long seed, final AtomicBoolean stop) throws IOException
    {
        final PerfStream stream = new PerfStream(seed);
        final MessageDigest digest = PerfStream.sha256();
        final long startNs = System.nanoTime();
        final long stopNs = startNs + timeMillis * 1_000_000L;
        final boolean timed = bytes == PerfStream.UNTIL_CLOSED;
        long sent = 0;
        for (long block = 0; timed ? System.nanoTime() - stopNs < 0 && !stop.get() : sent < bytes; block++)
        {
            final byte[] data = stream.block(block);
            final int n = (int)Math.min(data.length, timed ? data.length : bytes - sent);
            digest.update(data, 0, n);
            out.write(data, 0, n);
            sent += n;
        }
        final byte[] ours = digest.digest();
        out.write(ours);
        out.close(); // half-close: the verdict comes back
        final boolean peerMatched = in.readUnsignedByte() == 1;
        final byte[] theirs = new byte[PerfStream.DIGEST_BYTES];
        in.readFully(theirs);
        return new Result(sent, (System.nanoTime() - startNs) / 1e9, peerMatched && Arrays.equals(ours, theirs), ours);
    }

    /** Receives a stream of {@code bytes} (or until the sender closes), answers with the verdict, closes. */
    static Result receive(final DataInputStream in, final DataOutputStream out, final long bytes) throws IOException
    {
        final long startNs = System.nanoTime();
        final MessageDigest digest = PerfStream.sha256();
        final byte[] expected = new byte[PerfStream.DIGEST_BYTES];
        final long length = bytes == PerfStream.UNTIL_CLOSED ? readUntilClosed(in, digest, expected)
            : readLength(in, bytes, digest, expected);
        final byte[] actual = digest.digest();
        final boolean matched = Arrays.equals(expected, actual);
        out.write(matched ? 1 : 0);
        out.write(actual);
        out.close();
        return new Result(length, (System.nanoTime() - startNs) / 1e9, matched, actual);
    }

    private static long readLength(final DataInputStream in, final long length, final MessageDigest digest,
        final byte[] expected) throws IOException
    {
        final byte[] buf = new byte[PerfStream.BLOCK_BYTES];
        long remaining = length;
        while (remaining > 0)
        {
            final int n = in.read(buf, 0, (int)Math.min(buf.length, remaining));
            if (n < 0)
            {
                throw new EOFException("stream ended " + remaining + " bytes early");
            }
            digest.update(buf, 0, n);
            remaining -= n;
        }
        in.readFully(expected);
        return length;
    }

    /** A timed stream: everything up to the sender's close, less the last 32 bytes, which are the digest. */
    private static long readUntilClosed(final DataInputStream in, final MessageDigest digest, final byte[] expected)
        throws IOException
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
            throw new EOFException("stream ended before its digest");
        }
        System.arraycopy(buf, 0, expected, 0, tailBytes);
        return length;
    }
}
