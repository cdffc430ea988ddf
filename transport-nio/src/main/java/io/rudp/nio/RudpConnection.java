package io.rudp.nio;

import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One rudp connection, usable from any thread.
 *
 * <p>Asynchronous use: {@link #write} accepts what fits and returns at once (a {@link Listener#onWritable}
 * follows when room opens); {@link #read} returns what has arrived, 0 if nothing yet, -1 at end of
 * stream; {@link Listener#onReadable} says when to read again. Blocking use: {@link #inputStream()}
 * and {@link #outputStream()}, which behave like a {@code java.net.Socket}'s streams.
 *
 * <p>Bytes pass between application threads and the loop through two single-producer,
 * single-consumer rings; writers (and readers) are serialized among themselves, so several threads
 * may share a connection, but one writer and one reader at a time give the best throughput.
 */
public final class RudpConnection implements Closeable
{
    /** Callbacks on the loop thread. They must not block; every method has a default that does nothing. */
    public interface Listener
    {
        /**
         * Bytes (or the end of the stream) are ready to {@link #read}.
         *
         * @param connection the connection to read from
         */
        default void onReadable(final RudpConnection connection)
        {
        }

        /**
         * Room opened after a {@link #write} accepted less than offered: at least half the staging
         * ring ({@link LoopConfig#stagingBufferBytes()}) is free again.
         *
         * @param connection the connection to write to
         */
        default void onWritable(final RudpConnection connection)
        {
        }

        /**
         * The connection ended; {@code reason} is {@link CloseReason#NORMAL} for a graceful close.
         *
         * @param connection the connection that ended
         * @param reason how it ended
         */
        default void onClosed(final RudpConnection connection, final CloseReason reason)
        {
        }
    }

    private static final Listener NO_LISTENER = new Listener()
    {
    };

    private final RudpSocket socket;
    private final Connection engine;
    private final int stagingBytes;
    /** The peer's address; the loop thread changes it when the peer moves (NAT rebinding). */
    private volatile InetSocketAddress remote;
    private final int localPort;
    private final int remotePort;
    private final Object writerLock = new Object();
    private final Object readerLock = new Object();
    /** How long a blocking read waits before {@link java.net.SocketTimeoutException}; 0 waits forever. */
    private volatile long readTimeoutNs;
    /** What this side and the loop side share. */
    private final Handoff shared = new Handoff(NO_LISTENER);
    private final ConnectionPump pump;
    /** Where the blocking streams park until the loop has done its part. */
    private final BlockingWaits waits;

    RudpConnection(final RudpSocket socket, final Connection engine, final int stagingBytes)
    {
        this.socket = socket;
        this.engine = engine;
        this.stagingBytes = stagingBytes;
        this.remote = engine.remoteAddress();
        this.localPort = engine.localPort();
        this.remotePort = engine.remotePort();
        this.pump = new ConnectionPump(this, engine, shared, stagingBytes, socket.loop().clock());
        this.waits = new BlockingWaits(this, shared);
        engine.attach(this);
    }

    // ------------------------------------------------------------------------------------------
    // Application side
    // ------------------------------------------------------------------------------------------

    /**
     * Sets the loop-thread callbacks (replacing any before). If data or write room is already
     * there, the callbacks hear of it at once.
     *
     * @param value the callbacks
     * @return this connection
     */
    public RudpConnection listener(final Listener value)
    {
        shared.listener = Objects.requireNonNull(value, "listener");
        final boolean readable = shared.in != null && !shared.in.isEmpty() || shared.endOfStream;
        final RudpLoop loop = socket.loop();
        if (!loop.isRunning())
        {
            return this; // the loop is gone, and with it anything to notify
        }
        loop.execute(() ->
        {
            if (readable)
            {
                pump.notifyReadable();
            }
            // A new listener hears once that it may write: an asynchronous writer that waits for its
            // first onWritable would otherwise wait forever, since that only follows a refused write.
            if (shared.listener == value && shared.closeReason == null && !shared.outputShutdown)
            {
                pump.fireWritable();
            }
        });
        return this;
    }

    /**
     * Queues as much of {@code src} as fits, advancing its position; never blocks.
     *
     * @return bytes accepted (0 when the buffers are full: {@link Listener#onWritable} follows)
     * @throws IllegalStateException if output was shut down or the connection closed by this side
     * @throws RudpException         if the connection ended abnormally (reset, timed out)
     *
     * @param src the bytes to send; its position advances past those accepted
     */
    public int write(final ByteBuffer src) throws IOException
    {
        Objects.requireNonNull(src, "src");
        synchronized (writerLock)
        {
            checkWritable();
            SpscByteRing ring = shared.out;
            if (ring == null)
            {
                ring = new SpscByteRing(stagingBytes);
                shared.out = ring;
            }
            final int accepted = ring.offer(src);
            if (src.hasRemaining())
            {
                // Flag first, then wake the loop: had the loop drained the ring between the offer
                // and the flag, nothing else would make it look again, and onWritable would never come.
                shared.writableWanted = true;
                requestAttention();
            }
            else if (accepted > 0)
            {
                requestAttention();
            }
            return accepted;
        }
    }

    private void checkWritable() throws RudpException
    {
        final CloseReason reason = shared.closeReason;
        if (reason != null && reason != CloseReason.NORMAL && reason != CloseReason.ABORTED)
        {
            throw new RudpException(reason, toString());
        }
        if (shared.outputShutdown || reason != null)
        {
            throw new IllegalStateException("write after shutdownOutput/close/abort on " + this);
        }
    }

    /**
     * Moves received bytes into {@code dst}, advancing its position; never blocks.
     *
     * @return bytes read, 0 if none are ready, -1 at end of stream
     * @throws IllegalStateException if this side closed the connection
     * @throws RudpException         if the connection was reset or timed out
     *
     * @param dst where the bytes go; its position advances past them
     */
    public int read(final ByteBuffer dst) throws IOException
    {
        Objects.requireNonNull(dst, "dst");
        if (shared.inputClosed)
        {
            throw new IllegalStateException("read after close on " + this);
        }
        synchronized (readerLock)
        {
            // Read the end-of-stream flags before the ring: the loop sets them only after committing
            // the last bytes, so if they are seen here, every byte is visible in the ring below.
            // (Checked the other way round, a reader could find the ring empty just before the last
            // bytes land, then see end of stream, and return -1 with data unread.)
            final boolean endSeen = shared.endOfStream;
            final CloseReason reason = shared.closeReason;
            final SpscByteRing ring = shared.in;
            final int n = ring == null ? 0 : ring.poll(dst);
            if (n > 0)
            {
                if (shared.readerWaitingForSpace)
                {
                    requestAttention(); // the loop left bytes in the engine for want of room here
                }
                return n;
            }
            if (ring != null && !ring.isEmpty())
            {
                return 0; // dst has no room
            }
            if (endSeen)
            {
                return -1;
            }
            if (reason != null && reason != CloseReason.NORMAL)
            {
                throw new RudpException(reason, toString());
            }
            return 0;
        }
    }

    /** {@return bytes {@link #read} can return now} */
    public int available()
    {
        final SpscByteRing ring = shared.in;
        return ring == null ? 0 : ring.size();
    }

    /** Half-close: FIN after the queued bytes; reading goes on. Idempotent. */
    public void shutdownOutput()
    {
        shared.outputShutdown = true;
        requestAttention();
    }

    /**
     * Graceful close: queued bytes are delivered, then FIN; no more reads. Unread received bytes
     * turn it into a reset, so the peer learns they were not consumed. Idempotent.
     */
    @Override
    public void close()
    {
        shared.outputShutdown = true;
        shared.inputClosed = true;
        requestAttention();
    }

    /**
     * Loop thread, on {@link RudpLoop#close()}: closes the connection gracefully on the application's
     * behalf. Unlike {@link #close()}, reading stays allowed: what has arrived can still be read,
     * then end of stream, since the application never closed its side.
     */
    void closeForShutdown()
    {
        shared.outputShutdown = true;
        shared.closedByLoop = true;
        requestAttention();
    }

    /** Abort: RST now, buffers discarded. Idempotent. */
    public void abort()
    {
        shared.outputShutdown = true;
        shared.inputClosed = true;
        shared.abortRequested = true;
        requestAttention();
    }

    /** {@return completes with how the connection ended: NORMAL after a graceful close, else the abnormal reason} */
    public CompletableFuture<CloseReason> closeFuture()
    {
        return shared.closeFuture;
    }

    /**
     * A snapshot of counters and RTT/cwnd state, taken on the loop thread. Called on the loop
     * thread (from a listener callback), the future is already complete: waiting for it there would
     * otherwise wait for the very thread that is waiting.
     *
     * @return the snapshot, complete once the loop has taken it
     */
    public CompletableFuture<ConnectionStats> stats()
    {
        return socket.loop().submit(() -> ConnectionStats.of(engine));
    }

    /** {@return the engine's send/receive state in one line (see {@code Connection.describeState}), for debugging} */
    public CompletableFuture<String> describeState()
    {
        return socket.loop().submit(() -> engine.describeState() + " staged out=" + (shared.out == null ? 0 : shared.out.size())
            + " in=" + (shared.in == null ? 0 : shared.in.size()));
    }

    /**
     * Disables (true) or enables (false) Nagle's algorithm.
     *
     * @param value true to send small writes at once
     */
    public void noDelay(final boolean value)
    {
        socket.loop().execute(() -> engine.noDelay(value));
    }

    /** {@return a blocking stream over {@link #read}, like {@code Socket.getInputStream()}} */
    public InputStream inputStream()
    {
        return new RudpInputStream(this);
    }

    /** {@return a blocking stream over {@link #write}, like {@code Socket.getOutputStream()}; its close() half-closes} */
    public OutputStream outputStream()
    {
        return new RudpOutputStream(this);
    }

    /** {@return the peer's UDP address: where it was reached, or where it moved since (a NAT rebinding)} */
    public InetSocketAddress remoteAddress()
    {
        return remote;
    }

    /** The engine moved the connection to the peer's new address (loop thread). */
    void onPeerAddressChanged()
    {
        remote = engine.remoteAddress();
    }

    /** {@return this side's rudp port} */
    public int localPort()
    {
        return localPort;
    }

    /** {@return the peer's rudp port} */
    public int remotePort()
    {
        return remotePort;
    }

    /** {@return why the connection ended, or null while it is open} */
    public CloseReason closeReason()
    {
        return shared.closeReason;
    }

    /** {@return whether the connection has not ended yet} */
    public boolean isOpen()
    {
        return shared.closeReason == null;
    }

    @Override
    public String toString()
    {
        return "rudp[:" + localPort + " -> " + remote + ":" + remotePort + "]";
    }

    /**
     * How long a read on {@link #inputStream()} may block before it throws
     * {@link java.net.SocketTimeoutException} (the connection stays usable), as
     * {@code Socket.setSoTimeout} does. {@link Duration#ZERO} (the default) waits forever.
     *
     * @param timeout the longest a read blocks; zero for no limit
     * @return this connection
     */
    public RudpConnection readTimeout(final Duration timeout)
    {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("read timeout must not be negative: " + timeout);
        }
        readTimeoutNs = timeout.toNanos();
        return this;
    }

    /** Whether the application closed (or aborted) this connection: its streams then say "Socket closed". */
    boolean closedByApplication()
    {
        return shared.inputClosed;
    }

    /** Blocks the calling thread until data, end of stream or close (the read timeout bounds it). */
    void awaitReadable() throws IOException
    {
        waits.awaitReadable(readTimeoutNs);
    }

    /** Blocks until the outbound ring has room, or the connection ends. */
    void awaitWritable() throws IOException
    {
        waits.awaitWritable();
    }

    /** Blocks until every queued byte is in the engine (not necessarily acknowledged). */
    void awaitStagedDrained() throws IOException
    {
        waits.awaitStagedDrained();
    }

    private void requestAttention()
    {
        if (shared.attentionQueued.compareAndSet(false, true))
        {
            socket.loop().attention(this);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Loop side: the pump does the work
    // ------------------------------------------------------------------------------------------

    Connection engine()
    {
        return pump.engine();
    }

    /** Loop thread: move bytes both ways and carry out close/abort requests. */
    void service()
    {
        pump.service();
    }

    /** Loop thread: copy what the engine has received into the inbound ring. */
    void pullInbound()
    {
        pump.pullInbound();
    }

    void onPeerClosed()
    {
        pump.onPeerClosed();
    }

    void onWritable()
    {
        pump.onWritable();
    }

    /** Loop thread: the engine connection ended. */
    void onTerminated(final CloseReason reason)
    {
        pump.onTerminated(reason);
    }
}
