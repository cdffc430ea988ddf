package io.rudp.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A NAT on loopback for tests: the client sends to the relay, which forwards to the server from a
 * UDP port of its own — and, on {@link #rebind()}, from a new port, the old one closed, as a NAT does
 * when it gives a flow a new mapping. The server sees its peer move; the client sees nothing.
 */
final class RebindingRelay implements AutoCloseable
{
    private final DatagramChannel clientSide;
    private final InetSocketAddress server;
    private final Selector selector;
    private final Thread thread;
    private volatile DatagramChannel serverSide;
    private volatile boolean rebindRequested;
    private volatile boolean running = true;
    private SocketAddress client;
    final AtomicInteger rebinds = new AtomicInteger();

    RebindingRelay(final InetSocketAddress server) throws IOException
    {
        this.server = server;
        this.selector = Selector.open();
        this.clientSide = open();
        this.serverSide = open();
        clientSide.register(selector, SelectionKey.OP_READ);
        serverSide.register(selector, SelectionKey.OP_READ);
        this.thread = new Thread(this::run, "rebinding-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private DatagramChannel open() throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open();
        channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 << 20);
        channel.bind(new InetSocketAddress(server.getAddress(), 0));
        channel.configureBlocking(false);
        return channel;
    }

    /** Where clients send. */
    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)clientSide.getLocalAddress();
    }

    /** The port the server currently sees the client at. */
    int serverFacingPort() throws IOException
    {
        return ((InetSocketAddress)serverSide.getLocalAddress()).getPort();
    }

    /**
     * From now on the server sees the client from a new port; the old one is closed. Returns once
     * the relay has switched (at most 5 s).
     */
    void rebind() throws InterruptedException
    {
        final int before = rebinds.get();
        rebindRequested = true;
        selector.wakeup();
        synchronized (rebinds)
        {
            final long deadlineNs = System.nanoTime() + 5_000_000_000L;
            long leftNs;
            while (rebinds.get() == before && (leftNs = deadlineNs - System.nanoTime()) > 0)
            {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(rebinds, leftNs);
            }
        }
    }

    private void run()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        try
        {
            while (running)
            {
                if (rebindRequested)
                {
                    rebindRequested = false;
                    final DatagramChannel old = serverSide;
                    serverSide = open();
                    serverSide.register(selector, SelectionKey.OP_READ);
                    old.close();
                    synchronized (rebinds)
                    {
                        rebinds.incrementAndGet();
                        rebinds.notifyAll();
                    }
                }
                selector.select(50);
                selector.selectedKeys().clear();
                SocketAddress from;
                while (running && (from = receive(clientSide, buffer)) != null)
                {
                    client = from;
                    serverSide.send(buffer, server);
                }
                while (running && client != null && receive(serverSide, buffer) != null)
                {
                    clientSide.send(buffer, client);
                }
            }
        }
        catch (final IOException e)
        {
            if (running)
            {
                throw new IllegalStateException(e);
            }
        }
    }

    private static SocketAddress receive(final DatagramChannel channel, final ByteBuffer buffer) throws IOException
    {
        buffer.clear();
        final SocketAddress from = channel.receive(buffer);
        buffer.flip();
        return from;
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        selector.wakeup();
        thread.join(5_000);
        clientSide.close();
        serverSide.close();
        selector.close();
    }
}
