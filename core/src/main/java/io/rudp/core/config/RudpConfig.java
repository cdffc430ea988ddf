package io.rudp.core.config;

import io.rudp.core.congestion.Bbr;
import io.rudp.core.congestion.CongestionControl;
import io.rudp.core.congestion.CongestionControls;
import io.rudp.core.congestion.NewReno;
import io.rudp.core.isn.IsnGenerator;
import io.rudp.core.isn.Rfc6528IsnGenerator;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Everything an {@link io.rudp.core.connection.Endpoint} and its connections can be tuned with: one immutable
 * object, built once with {@link #builder()} and shared. Defaults follow Linux where the RFCs leave
 * a choice; each getter says its default.
 */
public final class RudpConfig
{
    /** The largest UDP payload an IPv4 datagram can carry (65,535 less 20 IP and 8 UDP header bytes). */
    public static final int MAX_UDP_PAYLOAD_BYTES = 65_507;
    /** The placeholder ISN generator of a configuration that was given no secret. */
    private static final IsnGenerator UNKEYED_ISN_GENERATOR = new Rfc6528IsnGenerator(0, 0);

    private final int maxDatagramBytes;
    private final boolean pathMtuDiscovery;
    private final int basePlpmtuBytes;
    private final int sendBufferBytes;
    private final int receiveBufferBytes;
    private final long initialRtoNs;
    private final long minRtoNs;
    private final long maxRtoNs;
    private final int synRetries;
    private final long userTimeoutNs;
    private final long delayedAckNs;
    private final boolean noDelay;
    private final long timeWaitNs;
    private final long finWait2TimeoutNs;
    private final boolean keepAlive;
    private final long keepAliveIdleNs;
    private final long keepAliveIntervalNs;
    private final int keepAliveProbes;
    private final long idleTimeoutNs;
    private final boolean windowScaling;
    private final boolean timestamps;
    private final boolean sack;
    private final boolean pacing;
    private final int maxConnections;
    private final int maxHalfOpen;
    private final int challengeAcksPerSecond;
    private final IsnGenerator isnGenerator;
    private final long synCookieKey0;
    private final long synCookieKey1;
    private final boolean synCookieSecretSet;
    private final CongestionControl.Factory congestionControl;

    private RudpConfig(final Builder b)
    {
        maxDatagramBytes = b.maxDatagramBytes;
        pathMtuDiscovery = b.pathMtuDiscovery;
        basePlpmtuBytes = b.basePlpmtuBytes;
        sendBufferBytes = b.sendBufferBytes;
        receiveBufferBytes = b.receiveBufferBytes;
        initialRtoNs = b.initialRtoNs;
        minRtoNs = b.minRtoNs;
        maxRtoNs = b.maxRtoNs;
        synRetries = b.synRetries;
        userTimeoutNs = b.userTimeoutNs;
        delayedAckNs = b.delayedAckNs;
        noDelay = b.noDelay;
        timeWaitNs = b.timeWaitNs;
        finWait2TimeoutNs = b.finWait2TimeoutNs;
        keepAlive = b.keepAlive;
        keepAliveIdleNs = b.keepAliveIdleNs;
        keepAliveIntervalNs = b.keepAliveIntervalNs;
        keepAliveProbes = b.keepAliveProbes;
        idleTimeoutNs = b.idleTimeoutNs;
        windowScaling = b.windowScaling;
        timestamps = b.timestamps;
        sack = b.sack;
        pacing = b.pacing;
        maxConnections = b.maxConnections;
        maxHalfOpen = b.maxHalfOpen;
        challengeAcksPerSecond = b.challengeAcksPerSecond;
        isnGenerator = b.isnGenerator;
        synCookieKey0 = b.synCookieKey0;
        synCookieKey1 = b.synCookieKey1;
        synCookieSecretSet = b.synCookieSecretSet;
        congestionControl = b.congestionControl;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder()
    {
        return new Builder();
    }

    /** {@return the defaults} The ISN secret is all zeros here: a real transport must set {@link Builder#isnSecret}. */
    public static RudpConfig defaults()
    {
        return builder().build();
    }

    /** {@return a builder starting from this configuration's values} */
    public Builder toBuilder()
    {
        return new Builder(this);
    }

    /**
     * Largest datagram (whole segment) sent or accepted. Default 65,507, the most UDP carries: what a
     * connection actually sends is found by path MTU discovery (below), up to the MTU of the local
     * interface toward the peer when the transport knows it, and never more than this.
     *
     * @return the setting
     */
    public int maxDatagramBytes()
    {
        return maxDatagramBytes;
    }

    /**
     * Path MTU discovery (DPLPMTUD, RFC 8899) on every connection. Default on: segments start at
     * {@link #basePlpmtuBytes()} and grow as larger probes are acknowledged, up to the ceiling (the
     * interface toward the peer, the peer's MSS, {@link #maxDatagramBytes()}); a black hole sends
     * them back to the base. Off: every segment is as large as the ceiling allows from the start,
     * which is right only where every hop carries the interface's MTU.
     *
     * @return the setting
     */
    public boolean pathMtuDiscovery()
    {
        return pathMtuDiscovery;
    }

    /**
     * The datagram size every path is assumed to carry, where path MTU discovery starts. Default
     * 1200: the smallest IPv6 MTU (1280) less its 40-byte header and UDP's 8, RFC 8899 §5.1.2's
     * BASE_PLPMTU, which also fits every IPv4 path worth using.
     *
     * @return the setting
     */
    public int basePlpmtuBytes()
    {
        return basePlpmtuBytes;
    }

    /**
     * The MSS this side announces: the largest datagram less the fixed 20-byte header.
     *
     * @return the setting
     */
    public int advertisedMss()
    {
        return maxDatagramBytes - 20;
    }

    /**
     * Largest send buffer per connection, the bound of write backpressure. Within it the buffer in
     * force follows the congestion window (what is outstanding plus two windows, at least 1 MiB), so
     * a connection on a fast long path can keep its window full without configuration, and a slow
     * one does not queue megabytes. Default 8 MiB.
     *
     * @return the setting
     */
    public int sendBufferBytes()
    {
        return sendBufferBytes;
    }

    /**
     * Largest receive buffer (and so receive window) per connection. The window offered starts at
     * 256 KiB (or this, if smaller) and is autotuned towards this bound from how fast the application
     * reads per round trip, so a fast reader on a long path gets a large window and a slow one keeps
     * memory small. Memory is allocated only as data is held. Default 8 MiB.
     *
     * @return the setting
     */
    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /**
     * RTO before any RTT sample. Default 1 s (RFC 6298).
     *
     * @return the setting
     */
    public long initialRtoNs()
    {
        return initialRtoNs;
    }

    /**
     * RTO floor. Default 200 ms (Linux; RFC 6298 says 1 s).
     *
     * @return the setting
     */
    public long minRtoNs()
    {
        return minRtoNs;
    }

    /**
     * RTO ceiling. Default 120 s (Linux).
     *
     * @return the setting
     */
    public long maxRtoNs()
    {
        return maxRtoNs;
    }

    /**
     * SYN (and SYN+ACK) retransmissions before giving up. Default 6: about 127 s with a 1 s initial RTO.
     *
     * @return the setting
     */
    public int synRetries()
    {
        return synRetries;
    }

    /**
     * How long data may stay unacknowledged across retransmissions before the peer is declared unreachable. Default 300 s.
     *
     * @return the setting
     */
    public long userTimeoutNs()
    {
        return userTimeoutNs;
    }

    /**
     * Longest an ACK is held back waiting for a second segment or data to ride on. Default 40 ms.
     *
     * @return the setting
     */
    public long delayedAckNs()
    {
        return delayedAckNs;
    }

    /**
     * Disables Nagle's algorithm for new connections when true. Default false.
     *
     * @return the setting
     */
    public boolean noDelay()
    {
        return noDelay;
    }

    /**
     * TIME-WAIT duration (2 MSL). Default 60 s (Linux).
     *
     * @return the setting
     */
    public long timeWaitNs()
    {
        return timeWaitNs;
    }

    /**
     * How long a fully closed connection waits in FIN-WAIT-2 for the peer's FIN. Default 60 s (Linux tcp_fin_timeout).
     *
     * @return the setting
     */
    public long finWait2TimeoutNs()
    {
        return finWait2TimeoutNs;
    }

    /**
     * Keepalive probing of idle connections. Default off, as TCP's (RFC 9293 §3.8.4); turn it on for
     * connections that must stay open while idle, across NATs or past {@link #idleTimeoutNs()}.
     *
     * @return the setting
     */
    public boolean keepAlive()
    {
        return keepAlive;
    }

    /**
     * Idle time before the first keepalive probe. Default 25 s, not TCP's two hours: a UDP mapping in
     * a NAT is commonly forgotten after 30 s of silence (RFC 4787 asks for at least two minutes, and
     * many do not comply), and rudp exists largely for paths through NATs; WebRTC's ICE keepalives
     * (15 s) and QUIC implementations ping at the same scale.
     *
     * @return the setting
     */
    public long keepAliveIdleNs()
    {
        return keepAliveIdleNs;
    }

    /**
     * Time between unanswered keepalive probes. Default 5 s.
     *
     * @return the setting
     */
    public long keepAliveIntervalNs()
    {
        return keepAliveIntervalNs;
    }

    /**
     * Unanswered keepalive probes before giving up ({@code PEER_UNREACHABLE}). Default 6: 55 s after the last word.
     *
     * @return the setting
     */
    public int keepAliveProbes()
    {
        return keepAliveProbes;
    }

    /**
     * How long a connection may hear nothing from its peer before it is closed with
     * {@code IDLE_TIMEOUT} (a RST is sent, in case the peer is only quiet). 0 means never. Default
     * 5 min. This is what frees a connection whose peer vanished while this side only receives: with
     * nothing in flight, no retransmission timer watches the peer. Like QUIC's idle timeout, it also
     * closes a connection that is merely quiet for that long; enable {@link #keepAlive()} (whose probes
     * are answered) to hold those open.
     *
     * @return the setting
     */
    public long idleTimeoutNs()
    {
        return idleTimeoutNs;
    }

    /**
     * Offer window scaling (RFC 7323). Default true.
     *
     * @return the setting
     */
    public boolean windowScaling()
    {
        return windowScaling;
    }

    /**
     * Offer timestamps (RFC 7323). Default true.
     *
     * @return the setting
     */
    public boolean timestamps()
    {
        return timestamps;
    }

    /**
     * Offer SACK (RFC 2018). Default true.
     *
     * @return the setting
     */
    public boolean sack()
    {
        return sack;
    }

    /**
     * Release data segments at the congestion controller's pacing rate rather than in bursts of a
     * window. Default true. (Segment-exact protocol tests turn it off to see whole windows at once.)
     *
     * @return the setting
     */
    public boolean pacing()
    {
        return pacing;
    }

    /**
     * Most connections (in any state) one endpoint keeps. Default 65536.
     *
     * @return the setting
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * Most passive connections in SYN-RECEIVED at once; beyond it SYNs are answered with SYN cookies. Default 1024.
     *
     * @return the setting
     */
    public int maxHalfOpen()
    {
        return maxHalfOpen;
    }

    /**
     * RFC 5961 challenge ACKs a connection may send per second. Default 10.
     *
     * @return the setting
     */
    public int challengeAcksPerSecond()
    {
        return challengeAcksPerSecond;
    }

    /**
     * Source of initial sequence numbers. Default {@link Rfc6528IsnGenerator} keyed by {@link Builder#isnSecret}.
     *
     * @return the setting
     */
    public IsnGenerator isnGenerator()
    {
        return isnGenerator;
    }

    /**
     * True if neither {@link Builder#isnSecret} nor {@link Builder#isnGenerator} was set: ISNs would
     * then be predictable, so transports substitute a secret drawn from a secure random source.
     *
     * @return the setting
     */
    public boolean isnSecretMissing()
    {
        return isnGenerator == UNKEYED_ISN_GENERATOR;
    }

    /**
     * True if no SYN-cookie secret was set ({@link Builder#isnSecret} sets one, {@link Builder#isnGenerator}
     * does not). An endpoint then issues no SYN cookies at all (a SYN beyond the half-open table is
     * dropped and counted) rather than forgeable ones; transports draw a secret from a secure random
     * source instead.
     *
     * @return the setting
     */
    public boolean synCookieSecretMissing()
    {
        return !synCookieSecretSet;
    }

    /**
     * First half of the SYN-cookie secret (meaningless when {@link #synCookieSecretMissing()}).
     *
     * @return the setting
     */
    public long synCookieKey0()
    {
        return synCookieKey0;
    }

    /**
     * Second half of the SYN-cookie secret.
     *
     * @return the setting
     */
    public long synCookieKey1()
    {
        return synCookieKey1;
    }

    /**
     * Congestion controller for new connections. Default {@link Bbr}: in the simulator it keeps
     * 0.91 of a 2 %-loss link and 0.89 of a 100 Mbit/s, 50 ms, 1 %-loss one, where CUBIC and NewReno
     * get what the Mathis formula allows (see {@code docs/congestion-control.md}).
     *
     * @return the setting
     */
    public CongestionControl.Factory congestionControl()
    {
        return congestionControl;
    }

    /** Builds a {@link RudpConfig}; every setter checks its argument and says what was wrong. */
    public static final class Builder
    {
        private int maxDatagramBytes = MAX_UDP_PAYLOAD_BYTES;
        private boolean pathMtuDiscovery = true;
        private int basePlpmtuBytes = 1200;
        private int sendBufferBytes = 8 << 20;
        private int receiveBufferBytes = 8 << 20;
        private long initialRtoNs = TimeUnit.SECONDS.toNanos(1);
        private long minRtoNs = TimeUnit.MILLISECONDS.toNanos(200);
        private long maxRtoNs = TimeUnit.SECONDS.toNanos(120);
        private int synRetries = 6;
        private long userTimeoutNs = TimeUnit.SECONDS.toNanos(300);
        private long delayedAckNs = TimeUnit.MILLISECONDS.toNanos(40);
        private boolean noDelay;
        private long timeWaitNs = TimeUnit.SECONDS.toNanos(60);
        private long finWait2TimeoutNs = TimeUnit.SECONDS.toNanos(60);
        private boolean keepAlive;
        private long keepAliveIdleNs = TimeUnit.SECONDS.toNanos(25);
        private long keepAliveIntervalNs = TimeUnit.SECONDS.toNanos(5);
        private int keepAliveProbes = 6;
        private long idleTimeoutNs = TimeUnit.MINUTES.toNanos(5);
        private boolean windowScaling = true;
        private boolean timestamps = true;
        private boolean sack = true;
        private boolean pacing = true;
        private int maxConnections = 65536;
        private int maxHalfOpen = 1024;
        private int challengeAcksPerSecond = 10;
        private IsnGenerator isnGenerator = UNKEYED_ISN_GENERATOR;
        private long synCookieKey0;
        private long synCookieKey1;
        private boolean synCookieSecretSet;
        private CongestionControl.Factory congestionControl = Bbr::new;

        private Builder()
        {
        }

        private Builder(final RudpConfig c)
        {
            maxDatagramBytes = c.maxDatagramBytes;
            pathMtuDiscovery = c.pathMtuDiscovery;
            basePlpmtuBytes = c.basePlpmtuBytes;
            sendBufferBytes = c.sendBufferBytes;
            receiveBufferBytes = c.receiveBufferBytes;
            initialRtoNs = c.initialRtoNs;
            minRtoNs = c.minRtoNs;
            maxRtoNs = c.maxRtoNs;
            synRetries = c.synRetries;
            userTimeoutNs = c.userTimeoutNs;
            delayedAckNs = c.delayedAckNs;
            noDelay = c.noDelay;
            timeWaitNs = c.timeWaitNs;
            finWait2TimeoutNs = c.finWait2TimeoutNs;
            keepAlive = c.keepAlive;
            keepAliveIdleNs = c.keepAliveIdleNs;
            keepAliveIntervalNs = c.keepAliveIntervalNs;
            keepAliveProbes = c.keepAliveProbes;
            idleTimeoutNs = c.idleTimeoutNs;
            windowScaling = c.windowScaling;
            timestamps = c.timestamps;
            sack = c.sack;
            pacing = c.pacing;
            maxConnections = c.maxConnections;
            maxHalfOpen = c.maxHalfOpen;
            challengeAcksPerSecond = c.challengeAcksPerSecond;
            isnGenerator = c.isnGenerator;
            synCookieKey0 = c.synCookieKey0;
            synCookieKey1 = c.synCookieKey1;
            synCookieSecretSet = c.synCookieSecretSet;
            congestionControl = c.congestionControl;
        }

        /**
         * Largest datagram; from 128 (room for a header with all options and some data) to 65507.
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder maxDatagramBytes(final int bytes)
        {
            maxDatagramBytes = checkRange("maxDatagramBytes", bytes, 128, MAX_UDP_PAYLOAD_BYTES);
            return this;
        }

        /**
         * Path MTU discovery on every connection (default on); see {@link RudpConfig#pathMtuDiscovery()}.
         *
         * @param value true to turn it on
         * @return this builder
         */
        public Builder pathMtuDiscovery(final boolean value)
        {
            pathMtuDiscovery = value;
            return this;
        }

        /**
         * Where path MTU discovery starts, from 128 to 65507 (default 1200); above
         * {@code maxDatagramBytes} it is cut to that.
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder basePlpmtuBytes(final int bytes)
        {
            basePlpmtuBytes = checkRange("basePlpmtuBytes", bytes, 128, MAX_UDP_PAYLOAD_BYTES);
            return this;
        }

        /**
         * Send buffer per connection; at least 1 byte, at most 1 GiB.
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder sendBufferBytes(final int bytes)
        {
            sendBufferBytes = checkRange("sendBufferBytes", bytes, 1, 1 << 30);
            return this;
        }

        /**
         * Receive buffer per connection; from 1 byte to 1 GiB (the largest window scaling can express).
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder receiveBufferBytes(final int bytes)
        {
            receiveBufferBytes = checkRange("receiveBufferBytes", bytes, 1, 1 << 30);
            return this;
        }

        /**
         * See {@link RudpConfig#initialRtoNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder initialRto(final long duration, final TimeUnit unit)
        {
            initialRtoNs = checkPositive("initialRto", unit.toNanos(duration));
            return this;
        }

        /**
         * See {@link RudpConfig#minRtoNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder minRto(final long duration, final TimeUnit unit)
        {
            minRtoNs = checkPositive("minRto", unit.toNanos(duration));
            return this;
        }

        /**
         * See {@link RudpConfig#maxRtoNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder maxRto(final long duration, final TimeUnit unit)
        {
            maxRtoNs = checkPositive("maxRto", unit.toNanos(duration));
            return this;
        }

        /**
         * See {@link RudpConfig#synRetries()}.
         *
         * @param retries how many
         * @return this builder
         */
        public Builder synRetries(final int retries)
        {
            synRetries = checkRange("synRetries", retries, 0, 32);
            return this;
        }

        /**
         * See {@link RudpConfig#userTimeoutNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder userTimeout(final long duration, final TimeUnit unit)
        {
            userTimeoutNs = checkPositive("userTimeout", unit.toNanos(duration));
            return this;
        }

        /**
         * Delayed-ACK timeout; 0 acknowledges every segment at once. RFC 9293 caps it below 500 ms.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder delayedAck(final long duration, final TimeUnit unit)
        {
            final long ns = unit.toNanos(duration);
            if (ns < 0 || ns >= TimeUnit.MILLISECONDS.toNanos(500))
            {
                throw new IllegalArgumentException("delayedAck must be in [0, 500 ms): " + ns + " ns");
            }
            delayedAckNs = ns;
            return this;
        }

        /**
         * See {@link RudpConfig#noDelay()}.
         *
         * @param value true to turn it on
         * @return this builder
         */
        public Builder noDelay(final boolean value)
        {
            noDelay = value;
            return this;
        }

        /**
         * See {@link RudpConfig#timeWaitNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder timeWait(final long duration, final TimeUnit unit)
        {
            timeWaitNs = checkPositive("timeWait", unit.toNanos(duration));
            return this;
        }

        /**
         * See {@link RudpConfig#finWait2TimeoutNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder finWait2Timeout(final long duration, final TimeUnit unit)
        {
            finWait2TimeoutNs = checkPositive("finWait2Timeout", unit.toNanos(duration));
            return this;
        }

        /**
         * See {@link RudpConfig#keepAlive()}.
         *
         * @param value true to turn it on
         * @return this builder
         */
        public Builder keepAlive(final boolean value)
        {
            keepAlive = value;
            return this;
        }

        /**
         * See {@link RudpConfig#keepAliveIdleNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder keepAliveIdle(final long duration, final TimeUnit unit)
        {
            keepAliveIdleNs = checkPositive("keepAliveIdle", unit.toNanos(duration));
            return this;
        }

        /**
         * See {@link RudpConfig#keepAliveIntervalNs()}.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder keepAliveInterval(final long duration, final TimeUnit unit)
        {
            keepAliveIntervalNs = checkPositive("keepAliveInterval", unit.toNanos(duration));
            return this;
        }

        /**
         * See {@link RudpConfig#keepAliveProbes()}.
         *
         * @param probes how many
         * @return this builder
         */
        public Builder keepAliveProbes(final int probes)
        {
            keepAliveProbes = checkRange("keepAliveProbes", probes, 1, 1000);
            return this;
        }

        /**
         * See {@link RudpConfig#idleTimeoutNs()}; 0 disables it.
         *
         * @param duration the duration, in {@code unit}
         * @param unit the unit of {@code duration}
         * @return this builder
         */
        public Builder idleTimeout(final long duration, final TimeUnit unit)
        {
            final long ns = unit.toNanos(duration);
            if (ns < 0)
            {
                throw new IllegalArgumentException("idleTimeout must not be negative: " + duration + " " + unit);
            }
            idleTimeoutNs = ns;
            return this;
        }

        /**
         * See {@link RudpConfig#windowScaling()}.
         *
         * @param value true to turn it on
         * @return this builder
         */
        public Builder windowScaling(final boolean value)
        {
            windowScaling = value;
            return this;
        }

        /**
         * See {@link RudpConfig#timestamps()}.
         *
         * @param value true to turn it on
         * @return this builder
         */
        public Builder timestamps(final boolean value)
        {
            timestamps = value;
            return this;
        }

        /**
         * See {@link RudpConfig#sack()}.
         *
         * @param value true to turn it on
         * @return this builder
         */
        public Builder sack(final boolean value)
        {
            sack = value;
            return this;
        }

        /**
         * See {@link RudpConfig#pacing()}.
         *
         * @param value true to turn it on
         * @return this builder
         */
        public Builder pacing(final boolean value)
        {
            pacing = value;
            return this;
        }

        /**
         * See {@link RudpConfig#maxConnections()}.
         *
         * @param count how many
         * @return this builder
         */
        public Builder maxConnections(final int count)
        {
            maxConnections = checkRange("maxConnections", count, 1, 1 << 24);
            return this;
        }

        /**
         * See {@link RudpConfig#maxHalfOpen()}.
         *
         * @param count how many
         * @return this builder
         */
        public Builder maxHalfOpen(final int count)
        {
            maxHalfOpen = checkRange("maxHalfOpen", count, 1, 1 << 24);
            return this;
        }

        /**
         * See {@link RudpConfig#challengeAcksPerSecond()}.
         *
         * @param count how many
         * @return this builder
         */
        public Builder challengeAcksPerSecond(final int count)
        {
            challengeAcksPerSecond = checkRange("challengeAcksPerSecond", count, 0, 1_000_000);
            return this;
        }

        /**
         * The 128-bit secret behind RFC 6528 ISNs and SYN cookies. Draw it from a secure random
         * source, once per process.
         *
         * @throws IllegalArgumentException for an all-zero secret, which is no secret
         *
         * @param key0 the first 64 bits of the secret
         * @param key1 the other 64 bits
         * @return this builder
         */
        public Builder isnSecret(final long key0, final long key1)
        {
            requireSecret("isnSecret", key0, key1);
            isnGenerator = new Rfc6528IsnGenerator(key0, key1);
            return synCookieSecret(key0, key1);
        }

        /**
         * The secret that keys SYN cookies, when ISNs come from an {@link #isnGenerator} of your own.
         *
         * @throws IllegalArgumentException for an all-zero secret, which is no secret
         *
         * @param key0 the first 64 bits of the secret
         * @param key1 the other 64 bits
         * @return this builder
         */
        public Builder synCookieSecret(final long key0, final long key1)
        {
            requireSecret("synCookieSecret", key0, key1);
            synCookieKey0 = key0;
            synCookieKey1 = key1;
            synCookieSecretSet = true;
            return this;
        }

        private static void requireSecret(final String name, final long key0, final long key1)
        {
            if (key0 == 0 && key1 == 0)
            {
                throw new IllegalArgumentException(name + ": an all-zero key is no secret; draw one from SecureRandom");
            }
        }

        /**
         * A source of initial sequence numbers of your own. It does not key SYN cookies: set
         * {@link #synCookieSecret} too, or let the transport draw one.
         *
         * @param generator the generator
         * @return this builder
         */
        public Builder isnGenerator(final IsnGenerator generator)
        {
            isnGenerator = Objects.requireNonNull(generator, "isnGenerator");
            return this;
        }

        /**
         * See {@link RudpConfig#congestionControl()}.
         *
         * @param factory creates a controller per connection
         * @return this builder
         */
        public Builder congestionControl(final CongestionControl.Factory factory)
        {
            congestionControl = Objects.requireNonNull(factory, "congestionControl");
            return this;
        }

        /**
         * The built-in controller named {@code name}: {@code newreno}, {@code cubic} or {@code bbr}.
         *
         * @throws IllegalArgumentException for any other name
         *
         * @param name {@code newreno}, {@code cubic} or {@code bbr}
         * @return this builder
         */
        public Builder congestionControl(final String name)
        {
            congestionControl = CongestionControls.byName(Objects.requireNonNull(name, "congestionControl"));
            return this;
        }

        /**
         * {@return the configuration}
         *
         * @throws IllegalArgumentException if the settings contradict each other (a minimum RTO over the maximum, ...)
         */
        public RudpConfig build()
        {
            if (minRtoNs > maxRtoNs)
            {
                throw new IllegalArgumentException("minRto (" + minRtoNs + " ns) exceeds maxRto (" + maxRtoNs + " ns)");
            }
            return new RudpConfig(this);
        }

        private static int checkRange(final String name, final int value, final int min, final int max)
        {
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
            }
            return value;
        }

        private static long checkPositive(final String name, final long ns)
        {
            if (ns <= 0)
            {
                throw new IllegalArgumentException(name + " must be positive: " + ns + " ns");
            }
            return ns;
        }
    }
}
