package io.rudp.core.recovery;

import io.rudp.core.congestion.AckSample;

/**
 * Delivery-rate estimation (draft-cheng-iccrg-delivery-rate-estimation): each (re)transmission is
 * stamped with how much had been delivered, and when; each ACK then yields the rate over the span
 * from the newest delivered segment's send to now, taking the longer of the send and the ACK
 * intervals so that ACK compression cannot inflate it. Samples taken while the sender had nothing
 * to send are flagged app-limited.
 */
final class DeliveryRateSampler
{
    private long deliveredBytes;
    private long deliveredNs;
    private long firstSentNs;
    /** {@link #deliveredBytes} mark until which samples are app-limited; 0 = not app-limited. */
    private long appLimitedUntil;
    private long sendElapsedNs;
    private long ackElapsedNs;

    /** Stamps the record in {@code slot}, about to go out with {@code inFlightBytes} already in flight. */
    void onSent(final long nowNs, final SentLog log, final int slot, final long inFlightBytes)
    {
        if (inFlightBytes == 0)
        {
            firstSentNs = nowNs; // a new flight: samples must not span the idle gap before it
            deliveredNs = nowNs;
        }
        log.rateState(slot, deliveredBytes, deliveredNs, firstSentNs, appLimitedUntil != 0);
    }

    /** The sender has nothing to send although {@code cwndBytes} would allow more than is in flight. */
    void onAppLimited(final long inFlightBytes, final long cwndBytes)
    {
        if (inFlightBytes < cwndBytes)
        {
            appLimitedUntil = Math.max(deliveredBytes + inFlightBytes, 1);
        }
    }

    /** {@code bytes} were delivered at {@code nowNs} without a record of their own (a partial ACK). */
    void onDeliveredBytes(final long nowNs, final long bytes, final AckSample sample)
    {
        deliveredBytes += bytes;
        deliveredNs = nowNs;
        sample.deliveredBytes += bytes;
    }

    /** The record in {@code slot} was delivered: count it, and keep it as the sample if it is the newest. */
    void onDelivered(final long nowNs, final SentLog log, final int slot, final AckSample sample)
    {
        onDeliveredBytes(nowNs, log.length(slot), sample);
        if (sample.priorDeliveredBytes < 0 || log.deliveredAtSend(slot) > sample.priorDeliveredBytes)
        {
            sample.priorDeliveredBytes = log.deliveredAtSend(slot);
            sample.appLimited = log.is(slot, SentLog.APP_LIMITED);
            sendElapsedNs = log.sentNs(slot) - log.firstSentNsAtSend(slot);
            ackElapsedNs = nowNs - log.deliveredNsAtSend(slot);
            firstSentNs = log.sentNs(slot);
        }
    }

    /** Completes the sample of one ACK; ends the app-limited phase once its data is delivered. */
    void finish(final AckSample sample, final long minRttNs)
    {
        sample.totalDeliveredBytes = deliveredBytes;
        if (appLimitedUntil != 0 && deliveredBytes > appLimitedUntil)
        {
            appLimitedUntil = 0;
        }
        if (sample.priorDeliveredBytes < 0)
        {
            return;
        }
        final long intervalNs = Math.max(sendElapsedNs, ackElapsedNs);
        final long delivered = deliveredBytes - sample.priorDeliveredBytes;
        // A sample shorter than the minimum RTT would be compressed by ACK aggregation: unreliable.
        if (intervalNs > 0 && (minRttNs == Long.MAX_VALUE || intervalNs >= minRttNs))
        {
            sample.deliveryRateBytesPerSecond = (long)(delivered * 1e9 / intervalNs);
        }
    }
}
