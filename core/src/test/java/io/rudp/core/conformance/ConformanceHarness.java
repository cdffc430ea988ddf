package io.rudp.core.conformance;

import io.rudp.core.config.RudpConfig;
import io.rudp.core.connection.CloseReason;

/**
 * What {@link ConnectionConformanceSuite} needs of a way to run rudp: hosts that listen and
 * connect over a path that can be clean, impaired or cut, and connections it can write, read,
 * close and watch end. The simulator implements it in virtual time, each transport over real UDP
 * on loopback; a new transport implements it and subclasses the suite.
 *
 * <p>Every wait is bounded: a harness fails (never hangs) when what it waits for does not come.
 */
public interface ConformanceHarness extends AutoCloseable
{
    /** The path between a client and its server. */
    enum Path
    {
        /** Nothing lost. */
        CLEAN,
        /** 5 % of datagrams lost and 3 % reordered each way, drawn from a fixed seed. */
        IMPAIRED
    }

    /** A host listening on a rudp port. */
    interface Server
    {
        /** {@return the next connection it accepted} */
        Peer accept();
    }

    /** One end of a connection, as its application sees it. */
    interface Peer
    {
        /** Queues all of {@code bytes} for sending (waits for buffer room if it must). */
        void write(byte[] bytes);

        /** Half-close: a FIN after what was written; reading goes on. */
        void shutdownOutput();

        /** Graceful close. */
        void close();

        /** Reset: a RST, and the connection is gone. */
        void abort();

        /** {@return every byte until the peer's FIN} */
        byte[] readToEnd();

        /** Waits until the connection has ended; {@return how} */
        CloseReason awaitClosed();
    }

    /** A connect that did not succeed, and why. */
    final class ConnectFailed extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        private final CloseReason reason;

        public ConnectFailed(final CloseReason reason)
        {
            super("connect failed: " + reason.description());
            this.reason = reason;
        }

        public CloseReason reason()
        {
            return reason;
        }
    }

    /** A server listening on {@code port}. */
    Server listen(int port, RudpConfig config);

    /**
     * A client connected to {@code server}'s {@code port} over a path of its own.
     *
     * @throws ConnectFailed if the connection could not be made
     */
    Peer connect(Server server, int port, Path path, RudpConfig config);

    /** Every path from now on carries nothing, either way: the peers vanish for each other. */
    void cutPaths();

    /**
     * Connects to an address where nothing answers (its datagrams go nowhere).
     *
     * @param synRetries the SYN retries of the client (a transport with a connect timeout may give up sooner)
     * @return why the connect failed
     */
    CloseReason connectToSilentHost(RudpConfig config, int synRetries);

    /** {@return the harness's clock, in nanoseconds} */
    long nowNs();

    /** {@return whether {@link #nowNs} is virtual, so that elapsed times can be asserted exactly} */
    boolean exactTime();

    /** Releases everything the harness started. */
    @Override
    void close();
}
