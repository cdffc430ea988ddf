package io.rudp.core.script;

import io.rudp.core.codec.DropReason;
import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.config.RudpConfig;
import io.rudp.core.config.RudpConfigBuilder;
import io.rudp.core.connection.Connection;
import io.rudp.core.connection.ConnectionState;
import io.rudp.core.connection.Endpoint;
import io.rudp.core.connection.EndpointDriver;
import io.rudp.core.connection.Event;
import io.rudp.core.connection.EventType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packetdrill-style scripted segment tests: one endpoint under test, and a script that plays its
 * peer, line by line, in virtual time.
 *
 * <pre>
 * +0    listen(8080)
 * +0    &lt; S 0:0(0) win 65535 &lt;mss 1452&gt;
 * +0    &gt; S. 0:0(0) ack 1 &lt;mss 1452&gt;
 * +.03  &lt; . 1:1(0) ack 1 win 65535
 * +0    event(CONNECTED)
 * </pre>
 *
 * <ul>
 *   <li>A line starts with a time in seconds: {@code +T} after the previous line, or {@code T} from the start.</li>
 *   <li>{@code <} injects a segment from the peer; {@code >} expects the endpoint to send one at exactly
 *   that time. Flags as tcpdump prints them ({@code S}, {@code S.}, {@code .}, {@code P.}, {@code F.},
 *   {@code R}, {@code R.}); {@code seq:end(len)} and {@code ack} are relative to the sender's ISN and the
 *   receiver's ISN ({@code =seq:end(len)} for absolute numbers). {@code win} and {@code <options>} are checked on {@code >} lines only if given.</li>
 *   <li>Any segment the endpoint sends that the next line does not expect fails the script: extra,
 *   early, late and missing segments all fail.</li>
 *   <li>App calls: {@code listen(port)}, {@code connect()}, {@code write(n)}, {@code read(n)} (expects
 *   exactly n bytes), {@code read_eof()}, {@code shutdown()}, {@code close()}, {@code abort()},
 *   {@code nodelay()}; checks: {@code event(TYPE)} (that event was raised since the last check),
 *   {@code no_event(TYPE)}, {@code state(STATE)}, {@code drops(REASON, n)}.</li>
 *   <li>{@code #} starts a comment.</li>
 * </ul>
 * The endpoint's ISN is {@link #LOCAL_ISN}; the script peer's is {@link #PEER_ISN}. The peer sits at
 * rudp port {@link #PEER_PORT}; {@code connect()} uses local port {@link #LOCAL_PORT}.
 */
public final class SegmentScript
{
    public static final int LOCAL_ISN = 1_000_000;
    public static final int PEER_ISN = 5_000_000;
    public static final int PEER_PORT = 40000;
    public static final int LOCAL_PORT = 5000;
    public static final int CONNECT_PORT = 8080;

    /**
     * A passive open without window scaling: listen, SYN in, SYN+ACK out, ACK in at +100 ms (so the
     * handshake gives an RTT sample of 100 ms: RTO 300 ms). Scripts append their lines to it.
     */
    public static final String ESTABLISHED_PASSIVE = """
        0     listen(8080)
        +0    < S 0:0(0) win 65535 <mss 1452>
        +0    > S. 0:0(0) ack 1 <mss 1452>
        +.1   < . 1:1(0) ack 1 win 65535
        +0    event(CONNECTED)
        """;

    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final Endpoint endpoint;
    private final InetSocketAddress peer;
    private final EndpointDriver driver;
    private final ByteBuffer rx = ByteBuffer.allocate(65536);
    private final SegmentCodec codec = new SegmentCodec();
    private final ArrayDeque<Captured> captured = new ArrayDeque<>();
    private final List<EventType> events = new ArrayList<>();
    private Connection connection;
    private long nowNs;
    private int lineNumber;
    private String line;
    private byte writeByte;

    private record Captured(long atNs, Segment segment, String text)
    {
    }

    private SegmentScript(final RudpConfig config)
    {
        endpoint = new Endpoint(config.toBuilder().isnGenerator((now, lp, r, rp) -> LOCAL_ISN).build());
        driver = new EndpointDriver(endpoint, () -> nowNs, this::capture, ByteBuffer.allocate(65536));
        try
        {
            peer = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 9000);
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The configuration scripts start from: no timestamps (so segments are easy to write), no SACK,
     * no pacing (whole windows go out at once), 1 MiB buffers (window scale 5), NewReno, fixed secret,
     * and a fixed segment size: a 1500-byte Ethernet path (1472-byte datagrams, MSS 1452) with path
     * MTU discovery off, which {@code PathMtuScriptTest} turns on.
     */
    public static RudpConfigBuilder baseConfig()
    {
        return RudpConfig.builder().timestamps(false).sack(false).pacing(false).isnSecret(1, 2)
            .maxDatagramBytes(1472).pathMtuDiscovery(false)
            .sendBufferBytes(1 << 20).receiveBufferBytes(1 << 20).congestionControl("newreno");
    }

    /** Runs {@code script} against a fresh endpoint built from {@code config}; throws AssertionError on a mismatch. */
    public static SegmentScript run(final RudpConfig config, final String script)
    {
        final SegmentScript s = new SegmentScript(config);
        s.execute(script);
        return s;
    }

    public Endpoint endpoint()
    {
        return endpoint;
    }

    public Connection connection()
    {
        return connection;
    }

    private void execute(final String script)
    {
        for (final String raw : script.split("\n"))
        {
            lineNumber++;
            line = raw.strip();
            final int comment = line.indexOf('#');
            if (comment >= 0)
            {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty())
            {
                continue;
            }
            final int space = line.indexOf(' ');
            final String time = space < 0 ? line : line.substring(0, space);
            final String command = space < 0 ? "" : line.substring(space + 1).strip();
            final long atNs = time.startsWith("+") ? nowNs + seconds(time.substring(1)) : seconds(time);
            if (atNs < nowNs)
            {
                fail("time goes backwards");
            }
            if (command.startsWith(">"))
            {
                expect(atNs, command.substring(1).strip());
                continue;
            }
            advanceTo(atNs);
            assertNothingSent();
            if (command.startsWith("<"))
            {
                inject(command.substring(1).strip());
            }
            else
            {
                call(command);
            }
            drain();
        }
        assertNothingSent();
    }

    private static long seconds(final String s)
    {
        return Math.round(Double.parseDouble(s) * NS_PER_SECOND);
    }

    private void advanceTo(final long atNs)
    {
        while (endpoint.nextTimeoutNs() <= atNs)
        {
            nowNs = Math.max(nowNs, endpoint.nextTimeoutNs());
            endpoint.onTimeout(nowNs);
            drain();
        }
        nowNs = atNs;
    }

    /** What the endpoint sends goes to the script's capture, decoded (the script's peer is the only address). */
    private boolean capture(final ByteBuffer datagram, final InetSocketAddress to)
    {
        if (!to.equals(peer))
        {
            fail("segment sent to " + to + ", expected the peer " + peer);
        }
        final Segment seg = new Segment();
        final DropReason bad = codec.decode(datagram, seg);
        if (bad != null)
        {
            fail("endpoint sent a malformed segment: " + bad);
        }
        captured.addLast(new Captured(nowNs, seg, describe(seg)));
        return true;
    }

    private void drain()
    {
        driver.transmit();
        Event e;
        while ((e = endpoint.pollEvent()) != null)
        {
            events.add(e.type());
            if (connection == null || e.type() == EventType.CONNECTED)
            {
                connection = e.connection();
            }
        }
    }

    private void assertNothingSent()
    {
        if (!captured.isEmpty())
        {
            final Captured c = captured.peekFirst();
            fail("unexpected segment at " + c.atNs / 1e9 + " s: > " + c.text);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void call(final String command)
    {
        final String name = command.contains("(") ? command.substring(0, command.indexOf('(')) : command;
        final String arg = command.contains("(")
            ? command.substring(command.indexOf('(') + 1, command.lastIndexOf(')')).strip() : "";
        switch (name)
        {
            case "listen" -> endpoint.listen(Integer.parseInt(arg));
            case "connect" -> connection = endpoint.connect(nowNs, peer, LOCAL_PORT, PEER_PORT);
            case "write" ->
            {
                final int n = Integer.parseInt(arg);
                final ByteBuffer data = ByteBuffer.allocate(n);
                for (int i = 0; i < n; i++)
                {
                    data.put(i, writeByte++);
                }
                final int accepted = connection.write(data);
                if (accepted != n)
                {
                    fail("write(" + n + ") accepted " + accepted);
                }
            }
            case "read" ->
            {
                final int n = Integer.parseInt(arg);
                final int got = connection.read(ByteBuffer.allocate(n));
                if (got != n)
                {
                    fail("read(" + n + ") returned " + got);
                }
            }
            case "read_eof" ->
            {
                final int got = connection.read(ByteBuffer.allocate(16));
                if (got != -1)
                {
                    fail("expected end of stream, read returned " + got);
                }
            }
            case "shutdown" -> connection.shutdownOutput();
            case "close" -> connection.close(nowNs);
            case "abort" -> connection.abort();
            case "port_unreachable" -> connection.onPortUnreachable();
            case "nodelay" -> connection.noDelay(true);
            case "event" ->
            {
                final EventType type = EventType.valueOf(arg);
                if (!events.remove(type))
                {
                    fail("no " + type + " event; events since last check: " + events);
                }
            }
            case "no_event" ->
            {
                final EventType type = EventType.valueOf(arg);
                if (events.contains(type))
                {
                    fail("unexpected " + type + " event");
                }
            }
            case "state" ->
            {
                final ConnectionState expected = ConnectionState.valueOf(arg);
                final Connection c = connection != null ? connection
                    : endpoint.connection(peer, listenPortOrLocal(), PEER_PORT);
                final ConnectionState actual = c == null ? ConnectionState.LISTEN : c.state();
                if (actual != expected)
                {
                    fail("state is " + actual + ", expected " + expected);
                }
            }
            case "reason" ->
            {
                final io.rudp.core.connection.CloseReason expected = io.rudp.core.connection.CloseReason.valueOf(arg);
                if (connection == null || connection.closeReason() != expected)
                {
                    fail("close reason is " + (connection == null ? null : connection.closeReason()) + ", expected "
                        + expected);
                }
            }
            case "srtt_ms" ->
            {
                final Connection c = connection != null ? connection
                    : endpoint.connection(peer, listenPortOrLocal(), PEER_PORT);
                final long actualMs = c.srttNs() / 1_000_000;
                if (actualMs != Long.parseLong(arg))
                {
                    fail("srtt is " + actualMs + " ms, expected " + arg + " ms");
                }
            }
            case "connections" ->
            {
                if (endpoint.connectionCount() != Integer.parseInt(arg))
                {
                    fail("endpoint has " + endpoint.connectionCount() + " connections, expected " + arg);
                }
            }
            case "drops" ->
            {
                final String[] parts = arg.split(",");
                final DropReason reason = DropReason.valueOf(parts[0].strip());
                final long expected = Long.parseLong(parts[1].strip());
                final long actual = endpoint.dropCounters().get(reason);
                if (actual != expected)
                {
                    fail("drops(" + reason + ") = " + actual + ", expected " + expected);
                }
            }
            default -> fail("unknown command: " + command);
        }
    }

    private void inject(final String text)
    {
        final Segment seg = parse(text, PEER_ISN, LOCAL_ISN);
        seg.srcPort = PEER_PORT;
        seg.dstPort = connection != null ? connection.localPort() : listenPortOrLocal();
        final int payload = seg.payloadLength();
        rx.clear();
        final int header = SegmentCodec.encodeHeader(seg, rx, 0);
        for (int i = 0; i < payload; i++)
        {
            rx.put(header + i, (byte)i);
        }
        codec.seal(rx, 0, header + payload);
        rx.limit(header + payload);
        endpoint.onDatagram(nowNs, rx, peer);
    }

    private int listenPortOrLocal()
    {
        for (int port = 1; port <= 0xFFFF; port++)
        {
            if (endpoint.isListening(port))
            {
                return port;
            }
        }
        return LOCAL_PORT;
    }

    private void expect(final long atNs, final String text)
    {
        advanceTo(atNs);
        if (captured.isEmpty())
        {
            fail("expected segment not sent by " + atNs / 1e9 + " s: > " + text);
        }
        final Captured c = captured.pollFirst();
        if (c.atNs != atNs)
        {
            fail("segment sent at " + c.atNs / 1e9 + " s, expected at " + atNs / 1e9 + " s: > " + c.text);
        }
        final Segment want = parse(text, LOCAL_ISN, PEER_ISN);
        final Segment got = c.segment;
        final boolean sameHeader = want.flags == got.flags && want.seq == got.seq
            && (!want.has(TcpFlags.ACK) || want.ack == got.ack) && want.payloadLength() == got.payloadLength();
        final boolean windowOk = want.window < 0 || want.window == got.window;
        final boolean optionsOk = !text.contains("<") || optionsMatch(want, got);
        if (!sameHeader || !windowOk || !optionsOk)
        {
            fail("expected > " + text + "\n     but got > " + c.text);
        }
    }

    private static boolean optionsMatch(final Segment want, final Segment got)
    {
        return want.mss == got.mss && want.windowScale == got.windowScale && want.sackPermitted == got.sackPermitted
            && want.sackBlockCount == got.sackBlockCount && sackBlocksMatch(want, got)
            && (!want.hasTimestamps || got.hasTimestamps);
    }

    private static boolean sackBlocksMatch(final Segment want, final Segment got)
    {
        for (int i = 0; i < want.sackBlockCount; i++)
        {
            if (want.sackLeft[i] != got.sackLeft[i] || want.sackRight[i] != got.sackRight[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code FLAGS seq:end(len) [ack A] [win W] [<options>]}; sequence numbers relative to
     * {@code seqBase}, acks and SACK blocks relative to {@code ackBase}. An absent window is -1.
     */
    private Segment parse(final String text, final int seqBase, final int ackBase)
    {
        final Segment seg = new Segment();
        String body = text;
        String options = null;
        final int lt = text.indexOf('<');
        if (lt >= 0)
        {
            options = text.substring(lt + 1, text.lastIndexOf('>'));
            body = text.substring(0, lt).strip();
        }
        final String[] tokens = body.split("\\s+");
        seg.flags = parseFlags(tokens[0]);
        String range = tokens[1];
        int base = seqBase;
        if (range.startsWith("="))
        {
            base = 0; // absolute, e.g. the SEQ=0 of a RST answering a segment without ACK
            range = range.substring(1);
        }
        final int colon = range.indexOf(':');
        final int paren = range.indexOf('(');
        seg.seq = base + (int)Long.parseLong(range.substring(0, colon));
        final int length = Integer.parseInt(range.substring(paren + 1, range.indexOf(')')));
        final int end = Integer.parseInt(range.substring(colon + 1, paren));
        if (end - (int)Long.parseLong(range.substring(0, colon)) != length)
        {
            fail("seq:end(len) does not add up: " + range);
        }
        seg.payload(null, 0, length);
        seg.window = -1;
        for (int i = 2; i < tokens.length; i += 2)
        {
            final long value = Long.parseLong(tokens[i + 1]);
            switch (tokens[i])
            {
                case "ack" -> seg.ack = ackBase + (int)value;
                case "win" -> seg.window = (int)value;
                default -> fail("unknown field " + tokens[i]);
            }
        }
        if (options != null)
        {
            parseOptions(options, seg, ackBase);
        }
        if (seg.window < 0 && seqBase == PEER_ISN)
        {
            seg.window = 65535; // injected segments default to a full unscaled window
        }
        return seg;
    }

    private void parseOptions(final String options, final Segment seg, final int ackBase)
    {
        for (final String option : options.split(","))
        {
            final String[] t = option.strip().split("\\s+");
            switch (t[0])
            {
                case "" , "nop", "..." -> { }
                case "mss" -> seg.mss = Integer.parseInt(t[1]);
                case "wscale" -> seg.windowScale = Integer.parseInt(t[1]);
                case "sackOK" -> seg.sackPermitted = true;
                case "TS" ->
                {
                    seg.hasTimestamps = true;
                    seg.tsVal = (int)Long.parseLong(t[2]);
                    seg.tsEcr = (int)Long.parseLong(t[4]);
                }
                case "sack" ->
                {
                    for (int i = 1; i < t.length; i++)
                    {
                        final String[] lr = t[i].split(":");
                        seg.addSackBlock(ackBase + Integer.parseInt(lr[0]), ackBase + Integer.parseInt(lr[1]));
                    }
                }
                default -> fail("unknown option " + t[0]);
            }
        }
    }

    private int parseFlags(final String s)
    {
        int flags = 0;
        for (final char ch : s.toCharArray())
        {
            flags |= switch (ch)
            {
                case 'S' -> TcpFlags.SYN;
                case 'F' -> TcpFlags.FIN;
                case 'R' -> TcpFlags.RST;
                case 'P' -> TcpFlags.PSH;
                case '.' -> TcpFlags.ACK;
                default -> throw new AssertionError(where() + "unknown flag '" + ch + "' in " + s);
            };
        }
        return flags;
    }

    /** Renders a sent segment in script syntax (relative numbers), for failure messages. */
    private String describe(final Segment seg)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(TcpFlags.toShortString(seg.flags).isEmpty() ? "?" : TcpFlags.toShortString(seg.flags)).append(' ');
        final long rel = (seg.seq - LOCAL_ISN) & 0xFFFFFFFFL;
        sb.append(rel).append(':').append(rel + seg.payloadLength()).append('(').append(seg.payloadLength()).append(')');
        if (seg.has(TcpFlags.ACK))
        {
            sb.append(" ack ").append((seg.ack - PEER_ISN) & 0xFFFFFFFFL);
        }
        sb.append(" win ").append(seg.window);
        final List<String> opts = new ArrayList<>();
        if (seg.mss >= 0)
        {
            opts.add("mss " + seg.mss);
        }
        if (seg.sackPermitted)
        {
            opts.add("sackOK");
        }
        if (seg.hasTimestamps)
        {
            opts.add("TS val " + (seg.tsVal & 0xFFFFFFFFL) + " ecr " + (seg.tsEcr & 0xFFFFFFFFL));
        }
        if (seg.windowScale >= 0)
        {
            opts.add("wscale " + seg.windowScale);
        }
        for (int i = 0; i < seg.sackBlockCount; i++)
        {
            opts.add("sack " + ((seg.sackLeft[i] - PEER_ISN) & 0xFFFFFFFFL) + ":" + ((seg.sackRight[i] - PEER_ISN) & 0xFFFFFFFFL));
        }
        if (!opts.isEmpty())
        {
            sb.append(" <").append(String.join(",", opts)).append('>');
        }
        return sb.toString();
    }

    private String where()
    {
        return "script line " + lineNumber + " (" + line + "): ";
    }

    private void fail(final String message)
    {
        throw new AssertionError(where() + message.toLowerCase(Locale.ROOT).charAt(0) + message.substring(1));
    }
}
