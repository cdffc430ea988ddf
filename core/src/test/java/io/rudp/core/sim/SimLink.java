package io.rudp.core.sim;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * One direction of a simulated path: blackhole, random/burst loss, a drop-tail queue in front of a
 * bandwidth-limited wire, propagation delay, then duplication, reordering and corruption. Decides
 * the fate of each datagram and hands surviving copies to the simulator with their arrival times.
 */
final class SimLink
{
    /** IPv4 (20) and UDP (8) header bytes: what a link rate is measured in, beside the datagram. */
    static final int IP_UDP_HEADER_BYTES = 28;

    interface Delivery
    {
        void deliver(long arrivalNs, byte[] datagram);
    }

    private final LinkConfig config;
    private final SplittableRandom random;
    private final ArrayDeque<Long> departuresNs = new ArrayDeque<>();
    private long wireFreeAtNs;
    private long lastJitteredArrivalNs = Long.MIN_VALUE;
    private int burstLeft;
    long sent;
    long dropped;
    /** Largest datagram, IP and UDP headers included, the path carries (0 = any); larger ones vanish. */
    int mtuBytes;
    /** Cut: the link carries nothing from now on (a host that vanished, a cable pulled). */
    boolean cut;
    long mtuDrops;
    long queueDrops;
    long corrupted;
    /** Sum over datagrams that entered the queue of the time they waited behind others. */
    long queueDelaySumNs;
    long queuedDatagrams;

    SimLink(final LinkConfig config, final long seed)
    {
        this.config = config;
        this.random = new SplittableRandom(seed);
    }

    void send(final long nowNs, final byte[] datagram, final Delivery delivery)
    {
        sent++;
        if (mtuBytes > 0 && datagram.length + IP_UDP_HEADER_BYTES > mtuBytes)
        {
            mtuDrops++;
            dropped++;
            return;
        }
        if (cut || nowNs >= config.downAfterNs() || inBlackhole(nowNs) || lost())
        {
            dropped++;
            return;
        }
        long departNs = nowNs;
        if (config.bitsPerSecond() > 0)
        {
            while (!departuresNs.isEmpty() && departuresNs.peekFirst() <= nowNs)
            {
                departuresNs.pollFirst();
            }
            if (departuresNs.size() >= config.queuePackets())
            {
                queueDrops++;
                dropped++;
                return;
            }
            // A real link carries the IPv4 and UDP headers too: 28 bytes a datagram, 1.9 % of a full one.
            final long serializationNs = (datagram.length + IP_UDP_HEADER_BYTES) * 8L * 1_000_000_000L
                / config.bitsPerSecond();
            final long startNs = Math.max(nowNs, wireFreeAtNs);
            queueDelaySumNs += startNs - nowNs;
            queuedDatagrams++;
            departNs = startNs + serializationNs;
            wireFreeAtNs = departNs;
            departuresNs.addLast(departNs);
        }
        long arrivalNs = departNs + config.delayNs();
        if (config.jitterNs() > 0)
        {
            // Jitter varies the delay but keeps the link first-in, first-out.
            arrivalNs = Math.max(lastJitteredArrivalNs, arrivalNs + random.nextLong(config.jitterNs() + 1));
            lastJitteredArrivalNs = arrivalNs;
        }
        if (config.reorderRate() > 0 && random.nextDouble() < config.reorderRate())
        {
            arrivalNs += random.nextLong(config.reorderMaxExtraDelayNs() + 1);
        }
        final byte[] copy = datagram.clone();
        if (config.corruptRate() > 0 && random.nextDouble() < config.corruptRate())
        {
            final int range = config.corruptWithinFirstBytes() > 0
                ? Math.min(config.corruptWithinFirstBytes(), copy.length) : copy.length;
            copy[random.nextInt(range)] ^= (byte)(1 + random.nextInt(255));
            corrupted++;
        }
        delivery.deliver(arrivalNs, copy);
        if (config.duplicateRate() > 0 && random.nextDouble() < config.duplicateRate())
        {
            delivery.deliver(arrivalNs + random.nextLong(1_000_000), datagram.clone());
        }
    }

    private boolean inBlackhole(final long nowNs)
    {
        if (config.blackholeOffNs() <= 0)
        {
            return false;
        }
        final long period = config.blackholeOnNs() + config.blackholeOffNs();
        return nowNs % period >= config.blackholeOnNs();
    }

    /** Loss in bursts: a burst starts with probability rate / mean burst, so the long-run rate is {@code lossRate}. */
    private boolean lost()
    {
        if (burstLeft > 0)
        {
            burstLeft--;
            return true;
        }
        if (config.lossRate() <= 0)
        {
            return false;
        }
        final double meanBurst = (1 + config.maxLossBurst()) / 2.0;
        if (random.nextDouble() < config.lossRate() / meanBurst)
        {
            burstLeft = random.nextInt(config.maxLossBurst()) ; // this one plus 0..max-1 more
            return true;
        }
        return false;
    }
}
