package io.rudp.nio;

import java.time.Duration;
import java.util.Objects;

/** Settings of one {@link RudpLoop}. Immutable; built with {@link #builder()}. */
public final class LoopConfig
{
    private final String threadName;
    private final IdleMode idleMode;
    private final int stagingBufferBytes;
    private final int socketReceiveBufferBytes;
    private final int socketSendBufferBytes;
    private final Duration shutdownGrace;
    private final long memoryBudgetBytes;
    private final boolean abortOnExit;
    private final Duration sampleInterval;
    private final boolean jmx;
    private final boolean reusePort;

    private LoopConfig(final Builder b)
    {
        abortOnExit = b.abortOnExit;
        sampleInterval = b.sampleInterval;
        jmx = b.jmx;
        reusePort = b.reusePort;
        memoryBudgetBytes = b.memoryBudgetBytes;
        threadName = b.threadName;
        idleMode = b.idleMode;
        stagingBufferBytes = b.stagingBufferBytes;
        socketReceiveBufferBytes = b.socketReceiveBufferBytes;
        socketSendBufferBytes = b.socketSendBufferBytes;
        shutdownGrace = b.shutdownGrace;
    }

    /**
     * {@return a builder starting from the defaults}
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * {@return the defaults (each getter says its default)}
     */
    public static LoopConfig defaults()
    {
        return builder().build();
    }

    /**
     * Whether the sockets this loop binds share their port with other sockets that ask the same
     * ({@code SO_REUSEPORT}): several loops, each on a core of its own, can then serve one UDP port,
     * and the kernel hashes each peer's datagrams to one of them, so a connection stays on the loop
     * that accepted it. Default off: a second bind of a port in use fails, as it should by mistake.
     *
     * @return whether bound ports are shared
     */
    public boolean reusePort()
    {
        return reusePort;
    }

    /** {@return name of the loop's thread. Default {@code rudp-loop}} */
    public String threadName()
    {
        return threadName;
    }

    /** {@return how the loop waits when it has nothing to do; default {@link IdleMode#BLOCKING}} */
    public IdleMode idleMode()
    {
        return idleMode;
    }

    /**
     * Bytes staged per connection and direction between application threads and the loop (on top
     * of the engine's own buffers). Allocated on first use. Default 64 KiB.
     *
     * @return the setting
     */
    public int stagingBufferBytes()
    {
        return stagingBufferBytes;
    }

    /** {@return SO_RCVBUF asked for each UDP socket. Default 4 MiB (the kernel may grant less)} */
    public int socketReceiveBufferBytes()
    {
        return socketReceiveBufferBytes;
    }

    /** {@return SO_SNDBUF asked for each UDP socket. Default 4 MiB} */
    public int socketSendBufferBytes()
    {
        return socketSendBufferBytes;
    }

    /**
     * Bytes of buffer all the loop's connections may hold together (received data in and out of
     * order, data waiting to be sent and acknowledged). Past 7/8 of it, out-of-order data is pruned,
     * windows stop growing, no connection grows past its fair share, and new connections are refused
     * (see {@link io.rudp.core.buffer.MemoryBudget}). Default: a quarter of the maximum heap, at
     * least 16 MiB. The staging rings between application threads and the loop
     * ({@link #stagingBufferBytes()}, two per connection) are outside it.
     *
     * @return the setting
     */
    public long memoryBudgetBytes()
    {
        return memoryBudgetBytes;
    }

    /**
     * Whether a JVM that exits (or is interrupted: SIGINT, SIGTERM) without closing the loop aborts
     * its connections first, so each peer gets a RST and learns at once instead of after its user
     * timeout. Default true; a process killed with SIGKILL sends nothing either way.
     *
     * @return the setting
     */
    public boolean abortOnExit()
    {
        return abortOnExit;
    }

    /**
     * While a JDK Flight Recorder recording has the {@code io.rudp.ConnectionSample} or
     * {@code io.rudp.SegmentsDropped} event enabled, how often the loop samples each connection and
     * each socket's drop counters. Default 1 s. Nothing is sampled without a recording.
     *
     * @return the setting
     */
    public Duration sampleInterval()
    {
        return sampleInterval;
    }

    /**
     * Whether each socket registers its live connection table ({@link RudpSocketMXBean}) with the
     * platform MBean server while it is open. Default true.
     *
     * @return the setting
     */
    public boolean jmx()
    {
        return jmx;
    }

    /** {@return how long {@link RudpLoop#close()} lets connections close gracefully before aborting them. Default 2 s} */
    public Duration shutdownGrace()
    {
        return shutdownGrace;
    }

    /** Builds a {@link LoopConfig}. */
    public static final class Builder
    {
        private String threadName = "rudp-loop";
        private IdleMode idleMode = IdleMode.BLOCKING;
        private int stagingBufferBytes = 64 * 1024;
        private int socketReceiveBufferBytes = 4 << 20;
        private int socketSendBufferBytes = 4 << 20;
        private Duration shutdownGrace = Duration.ofSeconds(2);
        private long memoryBudgetBytes = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 4);
        private boolean abortOnExit = true;
        private Duration sampleInterval = Duration.ofSeconds(1);
        private boolean jmx = true;
        private boolean reusePort;

        /**
         * See {@link LoopConfig#reusePort()}.
         *
         * @param value true to share bound ports with other loops
         * @return this builder
         */
        public Builder reusePort(final boolean value)
        {
            reusePort = value;
            return this;
        }

        /**
         * See {@link LoopConfig#jmx()}.
         *
         * @param value false to register no MBean
         * @return this builder
         */
        public Builder jmx(final boolean value)
        {
            jmx = value;
            return this;
        }

        /**
         * See {@link LoopConfig#sampleInterval()}; at least 1 ms.
         *
         * @param interval how often to sample while recording
         * @return this builder
         */
        public Builder sampleInterval(final Duration interval)
        {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1)
            {
                throw new IllegalArgumentException("sampleInterval must be at least 1 ms: " + interval);
            }
            sampleInterval = interval;
            return this;
        }

        /**
         * See {@link LoopConfig#abortOnExit()}.
         *
         * @param value false to leave connections to their peers' timeouts
         * @return this builder
         */
        public Builder abortOnExit(final boolean value)
        {
            abortOnExit = value;
            return this;
        }

        private Builder()
        {
        }

        /**
         * At least 1 MiB.
         *
         * @param bytes the budget
         * @return this builder
         */
        public Builder memoryBudgetBytes(final long bytes)
        {
            if (bytes < (1 << 20))
            {
                throw new IllegalArgumentException("memoryBudgetBytes must be at least 1 MiB: " + bytes);
            }
            memoryBudgetBytes = bytes;
            return this;
        }

        /**
         * See {@link LoopConfig#threadName()}.
         *
         * @param name the thread's name
         * @return this builder
         */
        public Builder threadName(final String name)
        {
            threadName = Objects.requireNonNull(name, "threadName");
            return this;
        }

        /**
         * See {@link LoopConfig#idleMode()}.
         *
         * @param mode how to wait
         * @return this builder
         */
        public Builder idleMode(final IdleMode mode)
        {
            idleMode = Objects.requireNonNull(mode, "idleMode");
            return this;
        }

        /**
         * Power of two from 4 KiB to 64 MiB.
         *
         * @param bytes the staging size
         * @return this builder
         */
        public Builder stagingBufferBytes(final int bytes)
        {
            if (Integer.bitCount(bytes) != 1 || bytes < 4096 || bytes > (64 << 20))
            {
                throw new IllegalArgumentException("stagingBufferBytes must be a power of two in [4 KiB, 64 MiB]: " + bytes);
            }
            stagingBufferBytes = bytes;
            return this;
        }

        /**
         * See {@link LoopConfig#socketReceiveBufferBytes()}; positive.
         *
         * @param bytes what to ask the kernel for
         * @return this builder
         */
        public Builder socketReceiveBufferBytes(final int bytes)
        {
            if (bytes <= 0)
            {
                throw new IllegalArgumentException("socketReceiveBufferBytes must be positive: " + bytes);
            }
            socketReceiveBufferBytes = bytes;
            return this;
        }

        /**
         * See {@link LoopConfig#socketSendBufferBytes()}; positive.
         *
         * @param bytes what to ask the kernel for
         * @return this builder
         */
        public Builder socketSendBufferBytes(final int bytes)
        {
            if (bytes <= 0)
            {
                throw new IllegalArgumentException("socketSendBufferBytes must be positive: " + bytes);
            }
            socketSendBufferBytes = bytes;
            return this;
        }

        /**
         * See {@link LoopConfig#shutdownGrace()}; not negative.
         *
         * @param grace how long close() waits for graceful closes
         * @return this builder
         */
        public Builder shutdownGrace(final Duration grace)
        {
            if (grace.isNegative())
            {
                throw new IllegalArgumentException("shutdownGrace must not be negative: " + grace);
            }
            shutdownGrace = grace;
            return this;
        }

        /**
         * {@return the configuration}
         */
        public LoopConfig build()
        {
            return new LoopConfig(this);
        }
    }
}
