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
 *
 * <p>Two clocks: {@link #nowNs()} is virtual time since the simulation began (what tests schedule
 * and assert on), and {@link #engineNowNs()} is what the endpoints are told — the same time plus an
 * arbitrary origin drawn from the seed (or set with {@code -Drudp.clockOriginNs=N}). A real clock
 * ({@code System.nanoTime()}) can read any value, negative included, so an engine that works only
 * from 0 is caught here rather than on a real path.
 */
public final class Simulator
{
    /**
     * How finely a host's timers wake it: the real loop's selector waits whole milliseconds, so a
     * host woken only by a timer wakes on the next millisecond after its deadline.
     */
    public static final long DEFAULT_TIMER_GRANULARITY_NS = 1_000_000L;
    /** What the kernel adds to a timed wait (Linux's default timer_slack_ns), with a granularity above 1 ns. */
    public static final long TIMER_SLACK_NS = 50_000L;

    private final long seed;
    private final SplittableRandom seeds;
    private final List<SimNode> nodes = new ArrayList<>();
    private final Map<Long, SimLink> links = new HashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final long originNs;
    private final SimTrace trace = SimTrace.forNewSimulator();
    private long timerGranularityNs = Long.getLong("rudp.timerGranularityNs", DEFAULT_TIMER_GRANULARITY_NS);
    private long order;
    private long nowNs;

    public Simulator(final long seed)
    {
        this(seed, ClockOrigins.fromProperty(ClockOrigins.forSeed(seed)));
    }

    /** A simulation whose endpoints' clock starts at {@code originNs}. */
    public Simulator(final long seed, final long originNs)
    {
        this.seed = seed;
        this.seeds = new SplittableRandom(seed);
        this.originNs = originNs;
    }

    public long seed()
    {
        return seed;
    }

    /** Virtual time since the simulation began. */
    public long nowNs()
    {
        return nowNs;
    }

    /** The endpoints' clock: {@link #nowNs()} from the origin. Pass this, never {@link #nowNs()}, to an engine. */
    public long engineNowNs()
    {
        return originNs + nowNs;
    }

    public long timerGranularityNs()
    {
        return timerGranularityNs;
    }

    /** Sets how finely timers wake a host (1 = exactly at the deadline). */
    public Simulator timerGranularityNs(final long value)
    {
        if (value < 1)
        {
            throw new IllegalArgumentException("timer granularity must be at least 1 ns: " + value);
        }
        timerGranularityNs = value;
        return this;
    }

    /** Where the endpoints' clock starts. */
    public long originNs()
    {
        return originNs;
    }

    /** An engine deadline as simulation time ({@link Long#MAX_VALUE} stays "never"). */
    long toSimNs(final long engineDeadlineNs)
    {
        return engineDeadlineNs == Long.MAX_VALUE ? Long.MAX_VALUE : engineDeadlineNs - originNs;
    }

    /** A new seeded random source, drawn from the simulator's seed (for test data). */
    public SplittableRandom newRandom()
    {
        return seeds.split();
    }

    /** Adds an endpoint at 127.0.0.N:9000 (simulated only: no datagram ever leaves the process). */
    public SimNode addNode(final String name, final RudpConfig config)
    {
        return addNode(name, config, io.rudp.core.buffer.MemoryBudget.unlimited());
    }

    /** Adds an endpoint whose connections' buffers are paid from {@code memoryBudget}. */
    public SimNode addNode(final String name, final RudpConfig config, final io.rudp.core.buffer.MemoryBudget memoryBudget)
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
        final SimNode node = new SimNode(this, name, index, address, config, memoryBudget);
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

    /**
     * From now on, the path from {@code a} to {@code b} silently drops datagrams larger than
     * {@code ipMtuBytes} with their IP and UDP headers, as a tunnel or a misconfigured hop does
     * when nothing sends ICMP back (0 = no limit).
     */
    public void pathMtu(final SimNode a, final SimNode b, final int ipMtuBytes)
    {
        links.get(linkKey(a.index(), b.index())).mtuBytes = ipMtuBytes;
    }

    /** From now on nothing passes between {@code a} and {@code b}, either way: no RST, no ICMP, silence. */
    public void cut(final SimNode a, final SimNode b)
    {
        links.get(linkKey(a.index(), b.index())).cut = true;
        links.get(linkKey(b.index(), a.index())).cut = true;
    }

    /** Datagrams the path from {@code a} to {@code b} dropped for being larger than its MTU. */
    public long mtuDrops(final SimNode a, final SimNode b)
    {
        return links.get(linkKey(a.index(), b.index())).mtuDrops;
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

    /**
     * An attacker's datagram: {@code datagram} reaches {@code target} now, apparently from
     * {@code spoofedFrom}, past every link. Answers to that address reach nobody.
     */
    public void inject(final SimNode target, final InetSocketAddress spoofedFrom, final byte[] datagram)
    {
        pending.add(new Pending(nowNs, order++, target, spoofedFrom, datagram.clone(), null));
    }

    /** Runs {@code action} at virtual time {@code atNs}. */
    public void schedule(final long atNs, final Runnable action)
    {
        pending.add(new Pending(atNs, order++, null, null, null, action));
    }

    void send(final SimNode from, final InetSocketAddress to, final byte[] datagram)
    {
        if (trace != null)
        {
            trace.sent(nowNs, from.index(), datagram);
        }
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
        final InetSocketAddress source = from.publicAddress();
        link.send(nowNs, datagram, (arrivalNs, bytes) ->
            pending.add(new Pending(arrivalNs, order++, target, source, bytes, null)));
    }

    private SimNode nodeAt(final InetSocketAddress address)
    {
        for (final SimNode node : nodes)
        {
            if (node.publicAddress().equals(address))
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
                nextNs = Math.min(nextNs, node.nextWakeupNs());
            }
            if (nextNs == Long.MAX_VALUE)
            {
                throw new AssertionError("simulation stalled at " + nowNs / 1e9 + " s: nothing left to happen ("
                    + replay() + ")");
            }
            if (nextNs > maxNs)
            {
                throw new AssertionError("not done within " + maxNs / 1e9 + " s of virtual time (" + replay() + ")");
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
                    p.target.receive(p.from, p.bytes);
                }
            }
            for (final SimNode node : nodes)
            {
                node.runTimers(nowNs);
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
                progress |= node.pump();
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

    /** What a failure message must carry to replay this run. */
    public String replay()
    {
        return "seed=" + seed + ", clock origin=" + originNs + " ns; replay with -Drudp.seed=" + seed
            + " -Drudp.clockOriginNs=" + originNs;
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
