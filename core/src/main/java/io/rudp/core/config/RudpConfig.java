package io.rudp.core.config;

import io.rudp.core.congestion.Bbr;
import io.rudp.core.congestion.CongestionControl;
import io.rudp.core.congestion.NewReno;
import io.rudp.core.isn.IsnGenerator;
import io.rudp.core.isn.Rfc6528IsnGenerator;


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
    static final IsnGenerator UNKEYED_ISN_GENERATOR = new Rfc6528IsnGenerator(0, 0);

    /** A private copy of the builder's values: the builder can go on changing without touching this. */
    private final RudpConfigBuilder values;

    RudpConfig(final RudpConfigBuilder values)
    {
        this.values = values;
    }

    /** {@return a builder starting from the defaults} */
    public static RudpConfigBuilder builder()
    {
        return new RudpConfigBuilder();
    }

    /** {@return the defaults} The ISN secret is all zeros here: a real transport must set {@link RudpConfigBuilder#isnSecret}. */
    public static RudpConfig defaults()
    {
        return builder().build();
    }

    /** {@return a builder starting from this configuration's values} */
    public RudpConfigBuilder toBuilder()
    {
        return values.copy();
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
        return values.maxDatagramBytes;
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
        return values.pathMtuDiscovery;
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
        return values.basePlpmtuBytes;
    }

    /**
     * The MSS this side announces: the largest datagram less the fixed 20-byte header.
     *
     * @return the setting
     */
    public int advertisedMss()
    {
        return values.maxDatagramBytes - 20;
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
        return values.sendBufferBytes;
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
        return values.receiveBufferBytes;
    }

    /**
     * RTO before any RTT sample. Default 1 s (RFC 6298).
     *
     * @return the setting
     */
    public long initialRtoNs()
    {
        return values.initialRtoNs;
    }

    /**
     * RTO floor. Default 200 ms (Linux; RFC 6298 says 1 s).
     *
     * @return the setting
     */
    public long minRtoNs()
    {
        return values.minRtoNs;
    }

    /**
     * RTO ceiling. Default 120 s (Linux).
     *
     * @return the setting
     */
    public long maxRtoNs()
    {
        return values.maxRtoNs;
    }

    /**
     * SYN (and SYN+ACK) retransmissions before giving up. Default 6: about 127 s with a 1 s initial RTO.
     *
     * @return the setting
     */
    public int synRetries()
    {
        return values.synRetries;
    }

    /**
     * How long data may stay unacknowledged across retransmissions before the peer is declared unreachable. Default 300 s.
     *
     * @return the setting
     */
    public long userTimeoutNs()
    {
        return values.userTimeoutNs;
    }

    /**
     * Longest an ACK is held back waiting for a second segment or data to ride on. Default 40 ms.
     *
     * @return the setting
     */
    public long delayedAckNs()
    {
        return values.delayedAckNs;
    }

    /**
     * Disables Nagle's algorithm for new connections when true. Default false.
     *
     * @return the setting
     */
    public boolean noDelay()
    {
        return values.noDelay;
    }

    /**
     * TIME-WAIT duration (2 MSL). Default 60 s (Linux).
     *
     * @return the setting
     */
    public long timeWaitNs()
    {
        return values.timeWaitNs;
    }

    /**
     * How long a fully closed connection waits in FIN-WAIT-2 for the peer's FIN. Default 60 s (Linux tcp_fin_timeout).
     *
     * @return the setting
     */
    public long finWait2TimeoutNs()
    {
        return values.finWait2TimeoutNs;
    }

    /**
     * Keepalive probing of idle connections. Default off, as TCP's (RFC 9293 §3.8.4); turn it on for
     * connections that must stay open while idle, across NATs or past {@link #idleTimeoutNs()}.
     *
     * @return the setting
     */
    public boolean keepAlive()
    {
        return values.keepAlive;
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
        return values.keepAliveIdleNs;
    }

    /**
     * Time between unanswered keepalive probes. Default 5 s.
     *
     * @return the setting
     */
    public long keepAliveIntervalNs()
    {
        return values.keepAliveIntervalNs;
    }

    /**
     * Unanswered keepalive probes before giving up ({@code PEER_UNREACHABLE}). Default 6: 55 s after the last word.
     *
     * @return the setting
     */
    public int keepAliveProbes()
    {
        return values.keepAliveProbes;
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
        return values.idleTimeoutNs;
    }

    /**
     * Offer window scaling (RFC 7323). Default true.
     *
     * @return the setting
     */
    public boolean windowScaling()
    {
        return values.windowScaling;
    }

    /**
     * Offer timestamps (RFC 7323). Default true.
     *
     * @return the setting
     */
    public boolean timestamps()
    {
        return values.timestamps;
    }

    /**
     * Offer SACK (RFC 2018). Default true.
     *
     * @return the setting
     */
    public boolean sack()
    {
        return values.sack;
    }

    /**
     * Release data segments at the congestion controller's pacing rate rather than in bursts of a
     * window. Default true. (Segment-exact protocol tests turn it off to see whole windows at once.)
     *
     * @return the setting
     */
    public boolean pacing()
    {
        return values.pacing;
    }

    /**
     * Most connections (in any state) one endpoint keeps. Default 65536.
     *
     * @return the setting
     */
    public int maxConnections()
    {
        return values.maxConnections;
    }

    /**
     * Most passive connections in SYN-RECEIVED at once; beyond it SYNs are answered with SYN cookies. Default 1024.
     *
     * @return the setting
     */
    public int maxHalfOpen()
    {
        return values.maxHalfOpen;
    }

    /**
     * RFC 5961 challenge ACKs a connection may send per second. Default 10.
     *
     * @return the setting
     */
    public int challengeAcksPerSecond()
    {
        return values.challengeAcksPerSecond;
    }

    /**
     * Source of initial sequence numbers. Default {@link Rfc6528IsnGenerator} keyed by {@link RudpConfigBuilder#isnSecret}.
     *
     * @return the setting
     */
    public IsnGenerator isnGenerator()
    {
        return values.isnGenerator;
    }

    /**
     * True if neither {@link RudpConfigBuilder#isnSecret} nor {@link RudpConfigBuilder#isnGenerator} was set: ISNs would
     * then be predictable, so transports substitute a secret drawn from a secure random source.
     *
     * @return the setting
     */
    public boolean isnSecretMissing()
    {
        return values.isnGenerator == UNKEYED_ISN_GENERATOR;
    }

    /**
     * True if no SYN-cookie secret was set ({@link RudpConfigBuilder#isnSecret} sets one, {@link RudpConfigBuilder#isnGenerator}
     * does not). An endpoint then issues no SYN cookies at all (a SYN beyond the half-open table is
     * dropped and counted) rather than forgeable ones; transports draw a secret from a secure random
     * source instead.
     *
     * @return the setting
     */
    public boolean synCookieSecretMissing()
    {
        return !values.synCookieSecretSet;
    }

    /**
     * First half of the SYN-cookie secret (meaningless when {@link #synCookieSecretMissing()}).
     *
     * @return the setting
     */
    public long synCookieKey0()
    {
        return values.synCookieKey0;
    }

    /**
     * Second half of the SYN-cookie secret.
     *
     * @return the setting
     */
    public long synCookieKey1()
    {
        return values.synCookieKey1;
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
        return values.congestionControl;
    }
}
