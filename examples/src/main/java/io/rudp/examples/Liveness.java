package io.rudp.examples;

import io.rudp.core.config.RudpConfig;

import java.util.concurrent.TimeUnit;

/**
 * The servers' liveness options: {@code --idle-timeout S} (let a connection go after S seconds with
 * nothing from its peer; 0 never; the library's default is 300) and {@code --keepalive S} (probe a
 * connection idle for S seconds, which also keeps NAT mappings alive; off unless given).
 */
final class Liveness
{
    static final java.util.Set<String> OPTIONS = java.util.Set.of("idle-timeout", "keepalive");

    private Liveness()
    {
    }

    static RudpConfig config(final Args args)
    {
        final RudpConfig.Builder b = RudpConfig.builder();
        if (args.get("idle-timeout", null) != null)
        {
            final int idle = args.intValue("idle-timeout", 0);
            if (idle < 0)
            {
                throw new IllegalArgumentException("--idle-timeout must be 0 (never) or a number of seconds: " + idle);
            }
            b.idleTimeout(idle, TimeUnit.SECONDS);
        }
        final int keepAlive = args.intValue("keepalive", 0);
        if (keepAlive < 0)
        {
            throw new IllegalArgumentException("--keepalive must be a positive number of seconds: " + keepAlive);
        }
        if (keepAlive > 0)
        {
            b.keepAlive(true).keepAliveIdle(keepAlive, TimeUnit.SECONDS);
        }
        return b.build();
    }

    static java.util.Set<String> with(final String... options)
    {
        final java.util.Set<String> all = new java.util.HashSet<>(OPTIONS);
        all.addAll(java.util.List.of(options));
        return all;
    }
}
