package io.rudp.nio.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on loopback for tests: clients send to the relay, which forwards to the server and
 * back, losing, duplicating, reordering and corrupting datagrams at seeded rates. It can also be
 * cut, to play a dead peer. Runs on its own thread and stops when closed.
 */
public final class ImpairingRelay implements AutoCloseable
{
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final SplittableRandom random;
    private final double lossRate;
    private final double duplicateRate;
    private final double reorderRate;
    private final double corruptRate;
    private final Thread thread;
    private final ArrayDeque<DatagramPacket> held = new ArrayDeque<>();
    private volatile boolean running = true;
    private volatile boolean cut;
    private volatile SocketAddress client;
    public final AtomicLong forwarded = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong corrupted = new AtomicLong();

    public ImpairingRelay(final InetSocketAddress server, final long seed, final double lossRate, final double duplicateRate,
        final double reorderRate, final double corruptRate) throws IOException
    {
        this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
        this.socket.setSoTimeout(20);
        this.socket.setReceiveBufferSize(4 << 20);
        this.socket.setSendBufferSize(4 << 20);
        this.server = server;
        this.random = new SplittableRandom(seed);
        this.lossRate = lossRate;
        this.duplicateRate = duplicateRate;
        this.reorderRate = reorderRate;
        this.corruptRate = corruptRate;
        this.thread = new Thread(this::run, "impairing-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public InetSocketAddress address()
    {
        return (InetSocketAddress)socket.getLocalSocketAddress();
    }

    /** From now on every datagram, both ways, is dropped: the peer looks dead. */
    public void cut()
    {
        cut = true;
    }

    private void run()
    {
        final byte[] buffer = new byte[65536];
        final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running)
        {
            try
            {
                packet.setData(buffer);
                socket.receive(packet);
            }
            catch (final SocketTimeoutException e)
            {
                releaseHeld(); // nothing new for a while: let reordered datagrams go
                continue;
            }
            catch (final IOException e)
            {
                if (running)
                {
                    throw new java.io.UncheckedIOException(e);
                }
                return;
            }
            final SocketAddress from = packet.getSocketAddress();
            final SocketAddress to;
            if (from.equals(server))
            {
                to = client;
            }
            else
            {
                client = from;
                to = server;
            }
            if (to == null || cut || random.nextDouble() < lossRate)
            {
                dropped.incrementAndGet();
                continue;
            }
            final byte[] bytes = Arrays.copyOf(buffer, packet.getLength());
            if (random.nextDouble() < corruptRate)
            {
                bytes[random.nextInt(bytes.length)] ^= (byte)(1 + random.nextInt(255));
                corrupted.incrementAndGet();
            }
            final DatagramPacket out = new DatagramPacket(bytes, bytes.length, to);
            if (random.nextDouble() < reorderRate)
            {
                held.addLast(out); // overtaken by the next few datagrams
                continue;
            }
            send(out);
            if (random.nextDouble() < duplicateRate)
            {
                send(out);
            }
            if (!held.isEmpty() && random.nextInt(4) == 0)
            {
                send(held.pollFirst());
            }
        }
    }

    private void releaseHeld()
    {
        DatagramPacket p;
        while ((p = held.pollFirst()) != null)
        {
            send(p);
        }
    }

    private void send(final DatagramPacket p)
    {
        try
        {
            socket.send(p);
            forwarded.incrementAndGet();
        }
        catch (final IOException e)
        {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        socket.close();
        thread.join(5_000);
    }
}
