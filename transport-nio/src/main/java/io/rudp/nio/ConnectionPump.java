package io.rudp.nio;

import io.rudp.core.connection.CloseReason;
import io.rudp.core.connection.Connection;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * The loop-thread side of a {@link RudpConnection}: moves bytes between the engine's connection and
 * the rings the application threads use ({@link Handoff}), carries out their close and abort
 * requests, and calls the listener. Runs only on the loop thread, so it needs no locks; it can be
 * driven step by step in a test, with no loop, socket or thread.
 */
final class ConnectionPump
{
    private final RudpConnection connection;
    private final Connection engine;
    private final Handoff shared;
    private final int stagingBytes;
    private final LongSupplier clock;
    // Loop thread only.
    private boolean peerClosed;
    private boolean engineOutputShut;

    /**
     * @param connection the application's side (what the listener is called with)
     * @param engine the engine's connection
     * @param shared what the two sides share
     * @param stagingBytes the size of each ring
     * @param clock the loop's clock (a close needs the time)
     */
    ConnectionPump(final RudpConnection connection, final Connection engine, final Handoff shared,
        final int stagingBytes, final LongSupplier clock)
    {
        this.connection = connection;
        this.engine = engine;
        this.shared = shared;
        this.stagingBytes = stagingBytes;
        this.clock = clock;
    }

    Connection engine()
    {
        return engine;
    }

    /** Loop thread: move bytes both ways and carry out close/abort requests. */
    void service()
    {
        shared.attentionQueued.set(false);
        if (shared.closeReason != null)
        {
            if (shared.closeReason == CloseReason.NORMAL)
            {
                pullInbound(); // a graceful close leaves received bytes in the engine until they are read
            }
            return;
        }
        if (shared.abortRequested)
        {
            engine.abort();
            return;
        }
        pushOutbound();
        pullInbound();
    }

    private void pushOutbound()
    {
        final SpscByteRing ring = shared.out;
        if (ring != null)
        {
            // Offer bytes even when the engine looks full: a refused write is what makes it raise WRITABLE later.
            while (!ring.isEmpty() && !engineOutputShut)
            {
                final ByteBuffer region = ring.consumerRegion();
                final int start = region.position();
                engine.write(region);
                ring.consumerCommit(region.position() - start);
                if (region.hasRemaining())
                {
                    break;
                }
            }
            if (ring.isEmpty())
            {
                Handoff.unpark(shared.parkedWriter); // a flush() waits for exactly this
            }
            // A waiting writer hears of room once half the ring is free, not at the first free
            // byte: woken for every ACK's worth (a few KiB), a blocked bulk writer cost a context
            // switch per 10 KB on loopback. Half a ring keeps the engine fed while the writer refills.
            if (shared.writableWanted && ring.freeBytes() >= ring.capacity() / 2)
            {
                shared.writableWanted = false;
                Handoff.unpark(shared.parkedWriter);
                fireWritable();
            }
        }
        if (shared.outputShutdown && !engineOutputShut && (ring == null || ring.isEmpty()))
        {
            engineOutputShut = true;
            if (shared.closedByLoop && !shared.inputClosed)
            {
                engine.close(clock.getAsLong());
            }
            else if (shared.inputClosed)
            {
                final SpscByteRing inbound = shared.in;
                if (inbound != null && !inbound.isEmpty())
                {
                    engine.abort(); // closing with unread data: RST (RFC 9293 §3.6.1)
                }
                else
                {
                    engine.close(clock.getAsLong());
                }
            }
            else
            {
                engine.shutdownOutput();
            }
        }
    }

    /** Loop thread: copy what the engine has received into the inbound ring, as room allows. */
    void pullInbound()
    {
        if (shared.inputClosed || shared.closeReason != null && shared.closeReason != CloseReason.NORMAL)
        {
            return;
        }
        SpscByteRing ring = shared.in;
        if (ring == null)
        {
            if (engine.readableBytes() == 0 && !peerClosed)
            {
                return;
            }
            ring = new SpscByteRing(stagingBytes);
            shared.in = ring;
        }
        int moved = 0;
        while (true)
        {
            while (engine.readableBytes() > 0 && ring.freeBytes() > 0)
            {
                final ByteBuffer region = ring.producerRegion();
                final int start = region.position();
                engine.read(region);
                final int n = region.position() - start;
                ring.producerCommit(n);
                moved += n;
            }
            if (engine.readableBytes() == 0)
            {
                shared.readerWaitingForSpace = false;
                break;
            }
            // The ring is full and the engine holds more. Flag first, then look at the ring again:
            // a reader that made room before seeing the flag would otherwise never call us back.
            shared.readerWaitingForSpace = true;
            if (ring.freeBytes() == 0)
            {
                break;
            }
        }
        final boolean eofNow = peerClosed && engine.readableBytes() == 0 && !shared.endOfStream;
        if (eofNow)
        {
            shared.endOfStream = true;
        }
        if (moved > 0 || eofNow)
        {
            notifyReadable();
        }
    }

    void notifyReadable()
    {
        Handoff.unpark(shared.parkedReader);
        try
        {
            shared.listener.onReadable(connection);
        }
        catch (final RuntimeException e)
        {
            listenerFailed("onReadable", e);
        }
    }

    void fireWritable()
    {
        try
        {
            shared.listener.onWritable(connection);
        }
        catch (final RuntimeException e)
        {
            listenerFailed("onWritable", e);
        }
    }

    void onPeerClosed()
    {
        peerClosed = true;
        pullInbound();
    }

    void onWritable()
    {
        pushOutbound();
    }

    /** Loop thread: the engine connection ended. */
    void onTerminated(final CloseReason reason)
    {
        shared.closeReason = reason;
        if (reason == CloseReason.NORMAL)
        {
            // End of stream comes from pullInbound once the engine is drained, not from the close:
            // the engine may still hold bytes that did not fit the ring.
            pullInbound();
            if (engine.readableBytes() == 0 && !shared.endOfStream)
            {
                shared.endOfStream = true; // closed and drained: nothing more can arrive
                if (!shared.inputClosed)
                {
                    notifyReadable(); // an application that closed its side reads no more: tell it nothing
                }
            }
        }
        Handoff.unpark(shared.parkedReader);
        Handoff.unpark(shared.parkedWriter);
        try
        {
            shared.listener.onClosed(connection, reason);
        }
        catch (final RuntimeException e)
        {
            listenerFailed("onClosed", e);
        }
        shared.closeFuture.complete(reason);
    }

    /** A listener threw: log it and carry on, so one faulty callback cannot stop the loop. */
    private void listenerFailed(final String callback, final RuntimeException e)
    {
        RudpLoop.LOG.log(System.Logger.Level.WARNING, callback + " of " + connection + " threw", e);
    }
}
