package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Segments waiting to be sent that belong to no live connection: RSTs answering segments for
 * unknown connections, the RST of a connection that was just aborted, and SYN+ACKs carrying SYN
 * cookies. Bounded, so that a flood of junk cannot make the endpoint queue unbounded replies; when
 * full, new ones are dropped (the peer retransmits).
 */
final class StatelessReplies
{
    private final InetSocketAddress[] remotes;
    private final int[] localPorts;
    private final int[] remotePorts;
    private final int[] seqs;
    private final int[] acks;
    private final int[] flags;
    private final int[] windows;
    private final int[] mss;
    /** SYN+ACK options for a SYN cookie: window scale (-1 none), SACK-permitted, timestamps. */
    private final int[] windowScales;
    private final boolean[] sackPermitted;
    private final boolean[] hasTimestamps;
    private final int[] tsVals;
    private final int[] tsEcrs;
    private int head;
    private int size;

    StatelessReplies(final int capacity)
    {
        remotes = new InetSocketAddress[capacity];
        localPorts = new int[capacity];
        remotePorts = new int[capacity];
        seqs = new int[capacity];
        acks = new int[capacity];
        flags = new int[capacity];
        windows = new int[capacity];
        mss = new int[capacity];
        windowScales = new int[capacity];
        sackPermitted = new boolean[capacity];
        hasTimestamps = new boolean[capacity];
        tsVals = new int[capacity];
        tsEcrs = new int[capacity];
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /** Queues a RST (or RST+ACK). */
    boolean offer(final InetSocketAddress remote, final int localPort, final int remotePort, final int seq, final int ack,
        final int flag)
    {
        return offer(remote, localPort, remotePort, seq, ack, flag, 0, -1);
    }

    /** Queues a segment without data; {@code mssOption} -1 for none. */
    boolean offer(final InetSocketAddress remote, final int localPort, final int remotePort, final int seq, final int ack,
        final int flag, final int window, final int mssOption)
    {
        return offerSynAck(remote, localPort, remotePort, seq, ack, flag, window, mssOption, -1, false, false, 0, 0);
    }

    /** Queues a segment without data with SYN options: {@code windowScale} -1 for none; timestamps if {@code timestamps}. */
    boolean offerSynAck(final InetSocketAddress remote, final int localPort, final int remotePort, final int seq,
        final int ack, final int flag, final int window, final int mssOption, final int windowScale, final boolean sack,
        final boolean timestamps, final int tsVal, final int tsEcr)
    {
        if (size == remotes.length)
        {
            return false;
        }
        final int i = (head + size) % remotes.length;
        windowScales[i] = windowScale;
        sackPermitted[i] = sack;
        hasTimestamps[i] = timestamps;
        tsVals[i] = tsVal;
        tsEcrs[i] = tsEcr;
        remotes[i] = remote;
        localPorts[i] = localPort;
        remotePorts[i] = remotePort;
        seqs[i] = seq;
        acks[i] = ack;
        flags[i] = flag;
        windows[i] = window;
        mss[i] = mssOption;
        size++;
        return true;
    }

    InetSocketAddress peekRemote()
    {
        return remotes[head];
    }

    /** Encodes the oldest reply into {@code dst} at {@code offset}, removes it, and returns its length. */
    int writeNext(final Segment seg, final ByteBuffer dst, final int offset, final SegmentCodec codec)
    {
        seg.clear();
        seg.srcPort = localPorts[head];
        seg.dstPort = remotePorts[head];
        seg.seq = seqs[head];
        seg.ack = acks[head];
        seg.flags = flags[head];
        seg.window = windows[head];
        seg.mss = mss[head];
        seg.windowScale = windowScales[head];
        seg.sackPermitted = sackPermitted[head];
        seg.hasTimestamps = hasTimestamps[head];
        seg.tsVal = tsVals[head];
        seg.tsEcr = tsEcrs[head];
        final int length = SegmentCodec.encodeHeader(seg, dst, offset);
        codec.seal(dst, offset, length);
        remotes[head] = null;
        head = (head + 1) % remotes.length;
        size--;
        return length;
    }
}
