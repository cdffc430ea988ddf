package io.rudp.core.sim;

import io.rudp.core.config.RudpConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A deterministic network of rudp endpoints: virtual time, seeded links, no threads and no sockets.
 * The clock jumps straight to the next thing that can happen (a datagram arriving, a scheduled
 * action, an endpoint timer), so minutes of virtual time run in milliseconds, and a run is
 * reproduced exactly by its seed, which every failure message prints.
 */
public final class Simulator
{
    private final long seed;
    private final SplittableRandom seeds;
    private final List<SimNode> nodes = new ArrayList<>();
    private final Map<Long, SimLink> links = new HashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long order;
    private long nowNs;

    public Simulator(final long seed)
    {
        this.seed = seed;
        this.seeds = new SplittableRandom(seed);
    }

    public long seed()
    {
        return seed;
    }

    public long nowNs()
    {
        return nowNs;
    }

    /** A new seeded random source, drawn from the simulator's seed (for test data). */
    public SplittableRandom newRandom()
    {
        return seeds.split();
    }

    /** Adds an endpoint at 127.0.0.N:9000 (simulated only: no datagram ever leaves the process). */
    public SimNode addNode(final String name, final RudpConfig config)
    {
        final int index = nodes.size() + 1;
        final InetSocketAddress address;
        try
        {
            address = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte)index}), 9000);
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalStateException(e);
        }
        final SimNode node = new SimNode(this, name, index, address, config);
        nodes.add(node);
        return node;
    }

    /** Connects {@code a} and {@code b} with one link each way. */
    public void link(final SimNode a, final SimNode b, final LinkConfig aToB, final LinkConfig bToA)
    {
        links.put(linkKey(a.index(), b.index()), new SimLink(aToB, seeds.nextLong()));
        links.put(linkKey(b.index(), a.index()), new SimLink(bToA, seeds.nextLong()));
    }

    public void link(final SimNode a, final SimNode b, final LinkConfig both)
    {
        link(a, b, both, both);
    }

    /**
     * A dumbbell: every client reaches {@code server} through one shared link (one queue, one wire)
     * and hears back through another, so their flows compete for the same bottleneck.
     */
    public void linkShared(final List<SimNode> clients, final SimNode server, final LinkConfig toServer,
        final LinkConfig toClients)
    {
        final SimLink up = new SimLink(toServer, seeds.nextLong());
        final SimLink down = new SimLink(toClients, seeds.nextLong());
        for (final SimNode client : clients)
        {
            links.put(linkKey(client.index(), server.index()), up);
            links.put(linkKey(server.index(), client.index()), down);
        }
    }

    /** Mean time datagrams from {@code a} to {@code b} waited in the link's queue, in ns (0 if unlimited). */
    public double meanQueueDelayNs(final SimNode a, final SimNode b)
    {
        final SimLink link = links.get(linkKey(a.index(), b.index()));
        return link.queuedDatagrams == 0 ? 0 : (double)link.queueDelaySumNs / link.queuedDatagrams;
    }

    /** Statistics of the link from {@code a} to {@code b}: {sent, dropped, corrupted}. */
    public long[] linkStats(final SimNode a, final SimNode b)
    {
        final SimLink link = links.get(linkKey(a.index(), b.index()));
        return new long[] {link.sent, link.dropped, link.corrupted};
    }

    /** Runs {@code action} at virtual time {@code atNs}. */
    public void schedule(final long atNs, final Runnable action)
    {
        pending.add(new Pending(atNs, order++, null, null, null, action));
    }

    void send(final SimNode from, final InetSocketAddress to, final byte[] datagram)
    {
        final SimNode target = nodeAt(to);
        if (target == null)
        {
            return; // nobody there: the datagram is lost, as on a real network
        }
        final SimLink link = links.get(linkKey(from.index(), target.index()));
        if (link == null)
        {
            throw new IllegalStateException("no link " + from + " -> " + target);
        }
        link.send(nowNs, datagram, (arrivalNs, bytes) ->
            pending.add(new Pending(arrivalNs, order++, target, from.address(), bytes, null)));
    }

    private SimNode nodeAt(final InetSocketAddress address)
    {
        for (final SimNode node : nodes)
        {
            if (node.address().equals(address))
            {
                return node;
            }
        }
        return null;
    }

    /**
     * Runs until {@code done} holds, failing if virtual time passes {@code maxNs} or nothing is left
     * to happen first. Failure messages carry the seed.
     */
    public void runUntil(final BooleanSupplier done, final long maxNs)
    {
        flush();
        while (!done.getAsBoolean())
        {
            long nextNs = pending.isEmpty() ? Long.MAX_VALUE : pending.peek().atNs;
            for (final SimNode node : nodes)
            {
                nextNs = Math.min(nextNs, node.endpoint().nextTimeoutNs());
            }
            if (nextNs == Long.MAX_VALUE)
            {
                throw new AssertionError("simulation stalled at " + nowNs / 1e9 + " s: nothing left to happen (seed="
                    + seed + ")");
            }
            if (nextNs > maxNs)
            {
                throw new AssertionError("not done within " + maxNs / 1e9 + " s of virtual time (seed=" + seed + ")");
            }
            nowNs = Math.max(nowNs, nextNs);
            while (!pending.isEmpty() && pending.peek().atNs <= nowNs)
            {
                final Pending p = pending.poll();
                if (p.action != null)
                {
                    p.action.run();
                }
                else
                {
                    p.target.receive(nowNs, p.from, p.bytes);
                }
            }
            for (final SimNode node : nodes)
            {
                if (node.endpoint().nextTimeoutNs() <= nowNs)
                {
                    node.endpoint().onTimeout(nowNs);
                }
            }
            flush();
        }
    }

    /** Lets every node hand out events and send until nothing more happens at this instant. */
    public void flush()
    {
        boolean progress = true;
        while (progress)
        {
            progress = false;
            for (final SimNode node : nodes)
            {
                progress |= node.pump(nowNs);
            }
        }
    }

    /** Runs for {@code durationNs} of virtual time (or until nothing is left to happen). */
    public void runFor(final long durationNs)
    {
        final long until = nowNs + durationNs;
        schedule(until, () -> { });
        runUntil(() -> nowNs >= until, until);
    }

    private static long linkKey(final int from, final int to)
    {
        return ((long)from << 32) | to;
    }

    private record Pending(long atNs, long order, SimNode target, InetSocketAddress from, byte[] bytes, Runnable action)
        implements Comparable<Pending>
    {
        @Override
        public int compareTo(final Pending o)
        {
            final int byTime = Long.compare(atNs, o.atNs);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }
}
