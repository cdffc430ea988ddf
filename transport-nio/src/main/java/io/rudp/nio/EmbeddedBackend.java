package io.rudp.nio;

import java.net.InetSocketAddress;

/**
 * The backend of an embedded loop ({@link RudpLoop#embedded}): no thread of its own (the thread
 * that made the loop turns it), nothing to wake, and ports that come from the test, which tells
 * their sockets itself when datagrams wait.
 */
final class EmbeddedBackend implements LoopBackend
{
    private final Thread owner = Thread.currentThread();

    @Override
    public void start()
    {
    }

    @Override
    public void join()
    {
    }

    @Override
    public boolean inLoop()
    {
        return Thread.currentThread() == owner;
    }

    @Override
    public void wakeup()
    {
    }

    @Override
    public DatagramPort open(final InetSocketAddress local, final InetSocketAddress peer, final boolean dontFragment)
    {
        throw new UnsupportedOperationException("an embedded loop binds nothing: give it ports with attach");
    }

    @Override
    public void register(final DatagramPort port, final Runnable onReadable)
    {
    }
}
