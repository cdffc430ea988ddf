package io.rudp.core.connection;

import io.rudp.core.codec.Segment;
import io.rudp.core.codec.SegmentCodec;
import io.rudp.core.codec.TcpFlags;
import io.rudp.core.stats.ConnectionCounters;
import io.rudp.core.timer.TimerKind;
import io.rudp.core.timer.TimerTable;

import java.nio.ByteBuffer;

/**
 * Encodes one outgoing segment from the connection's parts: the ports, the sequence number it is
 * given, the ACK and window from the receive side, the options, as many SACK blocks as the
 * datagram leaves room for, the data from the send buffer, the CRC32C seal. An ACK it writes
 * settles what was owed: the delayed-ACK timer stops.
 */
final class SegmentWriter
{
    private final int localPort;
    private final int remotePort;
    /** The endpoint's scratch segment: the last one written stays readable until the next (for tracing). */
    private final Segment scratch;
    private final SegmentCodec codec;
    private final NegotiatedOptions options;
    private final AckPolicy acks;
    private final SendSpace snd;
    private final ReceiveSide rcv;
    private final NetworkPath path;
    private final TimerTable timers;
    private final ConnectionCounters counters;

    SegmentWriter(final int localPort, final int remotePort, final Segment scratch, final SegmentCodec codec,
        final NegotiatedOptions options, final AckPolicy acks, final SendSpace snd, final ReceiveSide rcv,
        final NetworkPath path, final TimerTable timers, final ConnectionCounters counters)
    {
        this.localPort = localPort;
        this.remotePort = remotePort;
        this.scratch = scratch;
        this.codec = codec;
        this.options = options;
        this.acks = acks;
        this.snd = snd;
        this.rcv = rcv;
        this.path = path;
        this.timers = timers;
        this.counters = counters;
    }

    /**
     * Writes a segment at {@code offset} in {@code dst}; its data, if any, is {@code dataLength}
     * bytes of the send buffer from {@code seq}.
     *
     * @param offerAll a SYN offers every option configured (opening), not only those agreed (answering)
     * @return bytes written
     */
    int write(final long nowNs, final ByteBuffer dst, final int offset, final int flags, final int seq,
        final int dataLength, final boolean offerAll)
    {
        return write(dst, offset, flags, seq, dataLength, offerAll, false, options.tsNowMs(nowNs));
    }

    /**
     * Writes a path challenge: keepalive-shaped (one below SND.UNA, no data), its TSval the
     * challenge's {@code token}. It is no real ACK: nothing owed is settled by it.
     */
    int writeChallenge(final ByteBuffer dst, final int offset, final int token)
    {
        return write(dst, offset, TcpFlags.ACK, snd.una() - 1, 0, false, true, token);
    }

    private int write(final ByteBuffer dst, final int offset, final int flags, final int seq, final int dataLength,
        final boolean offerAll, final boolean challenge, final int tsVal)
    {
        final Segment seg = scratch.clear();
        seg.srcPort = localPort;
        seg.dstPort = remotePort;
        seg.seq = seq;
        seg.flags = flags;
        final boolean syn = (flags & TcpFlags.SYN) != 0;
        final boolean ack = (flags & TcpFlags.ACK) != 0;
        if (ack)
        {
            seg.ack = rcv.rcvNxt();
        }
        seg.window = rcv.windowField(syn, path.mssDataBytes());
        options.writeOptions(seg, syn, offerAll, ack, challenge, tsVal);
        if (options.sack() && !syn)
        {
            addSackBlocks(seg, dataLength);
        }
        final int headerBytes = SegmentCodec.encodeHeader(seg, dst, offset);
        if (dataLength > 0)
        {
            snd.copy(seq, dataLength, dst, offset + headerBytes);
        }
        seg.payload(dst, offset + headerBytes, dataLength);
        codec.seal(dst, offset, headerBytes + dataLength);
        if (ack && !challenge)
        {
            acks.onAckSent(seg.ack);
            options.onAckSent();
            timers.cancel(TimerKind.DELAYED_ACK);
        }
        counters.segmentsSent++;
        return headerBytes + dataLength;
    }

    /** As many SACK blocks as the option space and the datagram leave room for (see {@link SackReporter}). */
    private void addSackBlocks(final Segment seg, final int dataLength)
    {
        if (!rcv.hasSackBlocks())
        {
            return;
        }
        final int usedOptions = SegmentCodec.optionBytes(seg);
        final int roomInDatagram = path.datagramBytesInForce() - SegmentCodec.HEADER_BYTES - usedOptions - dataLength;
        final int room = Math.min(SegmentCodec.MAX_OPTION_BYTES - usedOptions, roomInDatagram);
        final int maxBlocks = Math.min(Segment.MAX_SACK_BLOCKS, (room - 4) / 8);
        if (maxBlocks > 0)
        {
            rcv.addSackBlocks(seg, maxBlocks);
        }
    }
}
