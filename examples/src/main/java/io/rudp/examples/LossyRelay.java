package io.rudp.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * For {@code demo --loss}: a UDP relay on loopback between the demo's client and server that drops
 * one datagram once — the client's data segment with a chosen sequence number — and logs it.
 */
final class LossyRelay implements AutoCloseable
{
    private final DatagramChannel clientSide;
    private final DatagramChannel serverSide;
    private final InetSocketAddress server;
    private final Selector selector;
    private final Thread thread;
    private final long dropSeq;
    private final TraceLog log;
    private volatile boolean running = true;
    private boolean dropped;
    private SocketAddress client;

    LossyRelay(final InetSocketAddress server, final long dropSeq, final TraceLog log) throws IOException
    {
        this.server = server;
        this.dropSeq = dropSeq;
        this.log = log;
        this.selector = Selector.open();
        this.clientSide = open();
        this.serverSide = open();
        this.thread = new Thread(this::run, "lossy-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private DatagramChannel open() throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(server.getAddress(), 0));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        return channel;
    }

    /** Where the client sends. */
    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)clientSide.getLocalAddress();
    }

    private void run()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try
        {
            while (running)
            {
                selector.select(50);
                selector.selectedKeys().clear();
                SocketAddress from;
                while ((from = receive(clientSide, buffer)) != null)
                {
                    client = from;
                    if (!dropped && isDataAt(buffer))
                    {
                        dropped = true;
                        log.now("(the relay drops the data segment seq=" + dropSeq + ")");
                        continue;
                    }
                    serverSide.send(buffer, server);
                }
                while (client != null && receive(serverSide, buffer) != null)
                {
                    clientSide.send(buffer, client);
                }
            }
        }
        catch (final IOException e)
        {
            if (running)
            {
                System.err.println("relay: " + e);
            }
        }
    }

    /** A segment with data (the header's data offset short of its length) at sequence number {@link #dropSeq}. */
    private boolean isDataAt(final ByteBuffer datagram)
    {
        if (datagram.remaining() < 20)
        {
            return false;
        }
        final long seq = datagram.getInt(4) & 0xFFFF_FFFFL;
        final int headerBytes = ((datagram.get(12) & 0xFF) >>> 4) * 4;
        return seq == dropSeq && datagram.remaining() > headerBytes;
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
