package io.rudp.nio;

/** What a {@link RudpLoop} does when it has no work. */
public enum IdleMode
{
    /** Block in {@code Selector.select} until a datagram, a command or the next timer: no CPU while idle. */
    BLOCKING,
    /** Spin on {@code selectNow}, never yielding the core: lowest latency, one full core. */
    BUSY_SPIN,
    /** Spin, then yield, then park in growing steps (Agrona's {@code BackoffIdleStrategy}): a middle ground. */
    BACKOFF
}
