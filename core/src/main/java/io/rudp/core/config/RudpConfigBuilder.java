package io.rudp.core.config;

import io.rudp.core.congestion.Bbr;
import io.rudp.core.congestion.CongestionControl;
import io.rudp.core.congestion.CongestionControls;
import io.rudp.core.isn.IsnGenerator;
import io.rudp.core.isn.Rfc6528IsnGenerator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Builds a {@link RudpConfig}: start from {@link RudpConfig#builder()} (the defaults) or
 * {@link RudpConfig#toBuilder()}. Every setter checks its argument and says what was wrong;
 * durations are {@link Duration}s. Each setting is documented on its {@link RudpConfig} getter.
 */
public final class RudpConfigBuilder implements Cloneable
{
    int maxDatagramBytes = RudpConfig.MAX_UDP_PAYLOAD_BYTES;
    boolean pathMtuDiscovery = true;
    int basePlpmtuBytes = 1200;
    int sendBufferBytes = 8 << 20;
    int receiveBufferBytes = 8 << 20;
    long initialRtoNs = TimeUnit.SECONDS.toNanos(1);
    long minRtoNs = TimeUnit.MILLISECONDS.toNanos(200);
    long maxRtoNs = TimeUnit.SECONDS.toNanos(120);
    int synRetries = 6;
    long userTimeoutNs = TimeUnit.SECONDS.toNanos(300);
    long delayedAckNs = TimeUnit.MILLISECONDS.toNanos(40);
    boolean noDelay;
    long timeWaitNs = TimeUnit.SECONDS.toNanos(60);
    long finWait2TimeoutNs = TimeUnit.SECONDS.toNanos(60);
    boolean keepAlive;
    long keepAliveIdleNs = TimeUnit.SECONDS.toNanos(25);
    long keepAliveIntervalNs = TimeUnit.SECONDS.toNanos(5);
    int keepAliveProbes = 6;
    long idleTimeoutNs = TimeUnit.MINUTES.toNanos(5);
    boolean windowScaling = true;
    boolean timestamps = true;
    boolean sack = true;
    boolean pacing = true;
    int maxConnections = 65536;
    int maxHalfOpen = 1024;
    int challengeAcksPerSecond = 10;
    IsnGenerator isnGenerator = RudpConfig.UNKEYED_ISN_GENERATOR;
    long synCookieKey0;
    long synCookieKey1;
    boolean synCookieSecretSet;
    CongestionControl.Factory congestionControl = Bbr::new;

    /** Only {@link RudpConfig#builder()} and {@link RudpConfig#toBuilder()} make one. */
    RudpConfigBuilder()
    {
    }

    /**
     * Largest datagram; from 128 (room for a header with all options and some data) to 65507.
     *
     * @param bytes the size in bytes
     * @return this builder
     */
    public RudpConfigBuilder maxDatagramBytes(final int bytes)
    {
        maxDatagramBytes = SettingChecks.checkRange("maxDatagramBytes", bytes, 128, RudpConfig.MAX_UDP_PAYLOAD_BYTES);
        return this;
    }

    /**
     * Path MTU discovery on every connection (default on); see {@link RudpConfig#pathMtuDiscovery()}.
     *
     * @param value true to turn it on
     * @return this builder
     */
    public RudpConfigBuilder pathMtuDiscovery(final boolean value)
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
    public RudpConfigBuilder basePlpmtuBytes(final int bytes)
    {
        basePlpmtuBytes = SettingChecks.checkRange("basePlpmtuBytes", bytes, 128, RudpConfig.MAX_UDP_PAYLOAD_BYTES);
        return this;
    }

    /**
     * Send buffer per connection; at least 1 byte, at most 1 GiB.
     *
     * @param bytes the size in bytes
     * @return this builder
     */
    public RudpConfigBuilder sendBufferBytes(final int bytes)
    {
        sendBufferBytes = SettingChecks.checkRange("sendBufferBytes", bytes, 1, 1 << 30);
        return this;
    }

    /**
     * Receive buffer per connection; from 1 byte to 1 GiB (the largest window scaling can express).
     *
     * @param bytes the size in bytes
     * @return this builder
     */
    public RudpConfigBuilder receiveBufferBytes(final int bytes)
    {
        receiveBufferBytes = SettingChecks.checkRange("receiveBufferBytes", bytes, 1, 1 << 30);
        return this;
    }

    /**
     * See {@link RudpConfig#initialRtoNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder initialRto(final Duration duration)
    {
        initialRtoNs = SettingChecks.checkPositive("initialRto", duration);
        return this;
    }

    /**
     * See {@link RudpConfig#minRtoNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder minRto(final Duration duration)
    {
        minRtoNs = SettingChecks.checkPositive("minRto", duration);
        return this;
    }

    /**
     * See {@link RudpConfig#maxRtoNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder maxRto(final Duration duration)
    {
        maxRtoNs = SettingChecks.checkPositive("maxRto", duration);
        return this;
    }

    /**
     * See {@link RudpConfig#synRetries()}.
     *
     * @param retries how many
     * @return this builder
     */
    public RudpConfigBuilder synRetries(final int retries)
    {
        synRetries = SettingChecks.checkRange("synRetries", retries, 0, 32);
        return this;
    }

    /**
     * See {@link RudpConfig#userTimeoutNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder userTimeout(final Duration duration)
    {
        userTimeoutNs = SettingChecks.checkPositive("userTimeout", duration);
        return this;
    }

    /**
     * Delayed-ACK timeout; 0 acknowledges every segment at once. RFC 9293 caps it below 500 ms.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder delayedAck(final Duration duration)
    {
        final long ns = SettingChecks.nanos("delayedAck", duration);
        if (ns < 0 || ns >= TimeUnit.MILLISECONDS.toNanos(500))
        {
            throw new IllegalArgumentException("delayedAck must be in [0, 500 ms): " + duration);
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
    public RudpConfigBuilder noDelay(final boolean value)
    {
        noDelay = value;
        return this;
    }

    /**
     * See {@link RudpConfig#timeWaitNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder timeWait(final Duration duration)
    {
        timeWaitNs = SettingChecks.checkPositive("timeWait", duration);
        return this;
    }

    /**
     * See {@link RudpConfig#finWait2TimeoutNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder finWait2Timeout(final Duration duration)
    {
        finWait2TimeoutNs = SettingChecks.checkPositive("finWait2Timeout", duration);
        return this;
    }

    /**
     * See {@link RudpConfig#keepAlive()}.
     *
     * @param value true to turn it on
     * @return this builder
     */
    public RudpConfigBuilder keepAlive(final boolean value)
    {
        keepAlive = value;
        return this;
    }

    /**
     * See {@link RudpConfig#keepAliveIdleNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder keepAliveIdle(final Duration duration)
    {
        keepAliveIdleNs = SettingChecks.checkPositive("keepAliveIdle", duration);
        return this;
    }

    /**
     * See {@link RudpConfig#keepAliveIntervalNs()}.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder keepAliveInterval(final Duration duration)
    {
        keepAliveIntervalNs = SettingChecks.checkPositive("keepAliveInterval", duration);
        return this;
    }

    /**
     * See {@link RudpConfig#keepAliveProbes()}.
     *
     * @param probes how many
     * @return this builder
     */
    public RudpConfigBuilder keepAliveProbes(final int probes)
    {
        keepAliveProbes = SettingChecks.checkRange("keepAliveProbes", probes, 1, 1000);
        return this;
    }

    /**
     * See {@link RudpConfig#idleTimeoutNs()}; 0 disables it.
     *
     * @param duration how long
     * @return this builder
     */
    public RudpConfigBuilder idleTimeout(final Duration duration)
    {
        final long ns = SettingChecks.nanos("idleTimeout", duration);
        if (ns < 0)
        {
            throw new IllegalArgumentException("idleTimeout must not be negative: " + duration);
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
    public RudpConfigBuilder windowScaling(final boolean value)
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
    public RudpConfigBuilder timestamps(final boolean value)
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
    public RudpConfigBuilder sack(final boolean value)
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
    public RudpConfigBuilder pacing(final boolean value)
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
    public RudpConfigBuilder maxConnections(final int count)
    {
        maxConnections = SettingChecks.checkRange("maxConnections", count, 1, 1 << 24);
        return this;
    }

    /**
     * See {@link RudpConfig#maxHalfOpen()}.
     *
     * @param count how many
     * @return this builder
     */
    public RudpConfigBuilder maxHalfOpen(final int count)
    {
        maxHalfOpen = SettingChecks.checkRange("maxHalfOpen", count, 1, 1 << 24);
        return this;
    }

    /**
     * See {@link RudpConfig#challengeAcksPerSecond()}.
     *
     * @param count how many
     * @return this builder
     */
    public RudpConfigBuilder challengeAcksPerSecond(final int count)
    {
        challengeAcksPerSecond = SettingChecks.checkRange("challengeAcksPerSecond", count, 0, 1_000_000);
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
    public RudpConfigBuilder isnSecret(final long key0, final long key1)
    {
        SettingChecks.requireSecret("isnSecret", key0, key1);
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
    public RudpConfigBuilder synCookieSecret(final long key0, final long key1)
    {
        SettingChecks.requireSecret("synCookieSecret", key0, key1);
        synCookieKey0 = key0;
        synCookieKey1 = key1;
        synCookieSecretSet = true;
        return this;
    }

    /**
     * A source of initial sequence numbers of your own. It does not key SYN cookies: set
     * {@link #synCookieSecret} too, or let the transport draw one.
     *
     * @param generator the generator
     * @return this builder
     */
    public RudpConfigBuilder isnGenerator(final IsnGenerator generator)
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
    public RudpConfigBuilder congestionControl(final CongestionControl.Factory factory)
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
    public RudpConfigBuilder congestionControl(final String name)
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
        return new RudpConfig(copy());
    }

    /** {@return an independent copy: a configuration keeps its values whatever its builder does next} */
    RudpConfigBuilder copy()
    {
        try
        {
            return (RudpConfigBuilder)super.clone(); // every value is a primitive or immutable
        }
        catch (final CloneNotSupportedException e)
        {
            throw new AssertionError(e);
        }
    }
}
