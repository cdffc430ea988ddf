package io.rudp.core.sim;

import io.rudp.core.connection.Connection;
import io.rudp.core.connection.Event;
import io.rudp.core.connection.EventType;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Writes {@code totalBytes} of seeded random data as fast as the connection accepts it, digesting
 * exactly what was accepted, then shuts down output (or closes). Also reads and digests whatever the
 * peer sends back, so it serves both one-way and echo tests.
 */
public final class StreamSender implements SimNode.Handler
{
    private final long totalBytes;
    private final SplittableRandom random;
    private final boolean fullClose;
    private final MessageDigest sentDigest = sha256();
    private final StreamSink receiver = new StreamSink(false);
    private final ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
    private long written;
    private boolean outputShut;
    private EventType terminal;
    private int requestBytes;
    private long requestPauseNs;
    private long bulkFromNs = Long.MIN_VALUE;
    private long connectedAtNs = -1;
    private long finishedAtNs = -1;
    private Connection connection;

    /**
     * @param fullClose true: {@code close()} after the last byte (the peer must not send anything
     *                  back); false: {@code shutdownOutput()} and keep reading until the peer's FIN
     */
    public StreamSender(final long totalBytes, final SplittableRandom random, final boolean fullClose)
    {
        this.totalBytes = totalBytes;
        this.random = random;
        this.fullClose = fullClose;
        chunk.limit(0);
    }

    /**
     * Makes the first write a request of {@code bytes} alone, the rest following {@code pauseNs}
     * later: an application that sends a small header ahead of its bulk data (as the perf tool does).
     */
    public StreamSender requestFirst(final int bytes, final long pauseNs)
    {
        requestBytes = bytes;
        requestPauseNs = pauseNs;
        return this;
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onEvent(final SimNode node, final Event event)
    {
        connection = event.connection();
        switch (event.type())
        {
            case CONNECTED:
                connectedAtNs = node.sim().nowNs();
                if (requestBytes > 0)
                {
                    bulkFromNs = connectedAtNs + requestPauseNs;
                    node.sim().schedule(bulkFromNs, () ->
                    {
                        if (terminal == null)
                        {
                            pumpWrites(node); // unless the connection ended in the pause
                        }
                    });
                }
                pumpWrites(node);
                break;
            case WRITABLE:
                pumpWrites(node);
                break;
            case CLOSED:
            case RESET:
            case TIMED_OUT:
                terminal = event.type();
                finishedAtNs = node.sim().nowNs();
                break;
            default:
                if (!fullClose)
                {
                    receiver.onEvent(node, event);
                }
                break;
        }
    }

    private void pumpWrites(final SimNode node)
    {
        final long limit = node.sim().nowNs() < bulkFromNs ? Math.min(requestBytes, totalBytes) : totalBytes;
        while (written < limit)
        {
            if (!chunk.hasRemaining())
            {
                final int n = (int)Math.min(chunk.capacity(), limit - written);
                chunk.clear().limit(n);
                for (int i = 0; i < n; i++)
                {
                    chunk.put(i, (byte)random.nextInt());
                }
            }
            final int start = chunk.position();
            final int accepted = connection.write(chunk);
            if (accepted == 0)
            {
                return;
            }
            sentDigest.update(chunk.array(), start, accepted);
            written += accepted;
        }
        if (written == totalBytes && !outputShut)
        {
            outputShut = true;
            if (fullClose)
            {
                connection.close(node.sim().engineNowNs());
            }
            else
            {
                connection.shutdownOutput();
            }
        }
    }

    public boolean allWritten()
    {
        return written == totalBytes;
    }

    public long written()
    {
        return written;
    }

    /** SHA-256 of every byte handed to the connection. */
    public byte[] sentDigest()
    {
        return ((MessageDigest)cloneDigest(sentDigest)).digest();
    }

    public StreamSink receiver()
    {
        return receiver;
    }

    /** CLOSED, RESET or TIMED_OUT once the connection ended; null before. */
    public EventType terminal()
    {
        return terminal;
    }

    /** The connection, once it reported its first event; null before. */
    public Connection connection()
    {
        return connection;
    }

    public long connectedAtNs()
    {
        return connectedAtNs;
    }

    public long finishedAtNs()
    {
        return finishedAtNs;
    }

    static Object cloneDigest(final MessageDigest digest)
    {
        try
        {
            return digest.clone();
        }
        catch (final CloneNotSupportedException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
