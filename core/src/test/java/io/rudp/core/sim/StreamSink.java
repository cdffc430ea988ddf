package io.rudp.core.sim;

import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Event;
import io.rudp.core.connection.EventType;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Reads everything a connection delivers, digesting it (SHA-256), optionally echoing it back, and
 * closes when the peer's FIN has been read. Reading can be paused to test flow control.
 */
public final class StreamSink implements SimNode.Handler
{
    private final boolean echo;
    private final MessageDigest digest = StreamSender.sha256();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer echoPending = ByteBuffer.allocate(256 * 1024).limit(0);
    private long received;
    private boolean eof;
    private boolean paused;
    private boolean closed;
    private Connection connection;
    private EventType terminal;
    private long eofAtNs = -1;
    /** While positive, the application reads at most this many bytes per second. */
    private long readRateBytesPerSecond;
    private double readCreditBytes;
    private long lastDrainNs;

    public StreamSink(final boolean echo)
    {
        this.echo = echo;
    }

    @Override
    public void onEvent(final SimNode node, final Event event)
    {
        connection = event.connection();
        switch (event.type())
        {
            case CLOSED:
            case RESET:
            case TIMED_OUT:
                terminal = event.type();
                return;
            default:
                drain(node);
        }
    }

    /** Stops reading (the receive window fills and closes) until {@link #resume}. */
    public void pause()
    {
        paused = true;
    }

    public void resume(final SimNode node)
    {
        paused = false;
        if (connection != null)
        {
            drain(node);
        }
    }

    /**
     * Makes the application a slow reader, {@code bytesPerSecond} at most, until {@code untilNs} of
     * simulation time: its receive buffer fills and the window it offers shrinks to what it reads.
     */
    public void limitReadRate(final SimNode node, final long bytesPerSecond, final long untilNs)
    {
        readRateBytesPerSecond = bytesPerSecond;
        lastDrainNs = node.sim().nowNs();
        for (long t = node.sim().nowNs() + 1_000_000L; t < untilNs; t += 1_000_000L)
        {
            node.sim().schedule(t, () -> drain(node)); // a reader thread waking every millisecond
        }
        node.sim().schedule(untilNs, () ->
        {
            readRateBytesPerSecond = 0;
            drain(node);
        });
    }

    private void drain(final SimNode node)
    {
        if (paused || closed || connection == null)
        {
            return;
        }
        flushEcho();
        if (readRateBytesPerSecond > 0)
        {
            readCreditBytes = Math.min(readCreditBytes + (node.sim().nowNs() - lastDrainNs) * (readRateBytesPerSecond / 1e9),
                readRateBytesPerSecond / 100.0);
            lastDrainNs = node.sim().nowNs();
        }
        while (!echo || !echoPending.hasRemaining())
        {
            buffer.clear();
            if (readRateBytesPerSecond > 0)
            {
                if (readCreditBytes < 1)
                {
                    break;
                }
                buffer.limit((int)Math.min(buffer.capacity(), readCreditBytes));
            }
            final int n = connection.read(buffer);
            if (n > 0)
            {
                digest.update(buffer.array(), 0, n);
                received += n;
                readCreditBytes -= n;
                if (echo)
                {
                    echoPending.clear();
                    echoPending.put(buffer.array(), 0, n).flip();
                    flushEcho();
                }
                continue;
            }
            if (n < 0 && !eof)
            {
                eof = true;
                eofAtNs = node.sim().nowNs();
            }
            break;
        }
        if (eof && !echoPending.hasRemaining() && !closed)
        {
            closed = true;
            connection.close(node.sim().engineNowNs());
        }
    }

    private void flushEcho()
    {
        if (echo && echoPending.hasRemaining() && connection.writableBytes() > 0)
        {
            connection.write(echoPending);
        }
    }

    public long received()
    {
        return received;
    }

    public boolean eof()
    {
        return eof;
    }

    public long eofAtNs()
    {
        return eofAtNs;
    }

    public byte[] digest()
    {
        return ((MessageDigest)StreamSender.cloneDigest(digest)).digest();
    }

    public EventType terminal()
    {
        return terminal;
    }

    public Connection connection()
    {
        return connection;
    }
}
