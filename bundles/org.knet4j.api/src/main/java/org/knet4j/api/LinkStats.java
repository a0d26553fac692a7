package org.knet4j.api;

import java.util.List;

/**
 * {@code struct knet_link_stats}, field for field. Bytes are on-wire sizes (after crypto). Latency figures are in
 * microseconds; up/down times are wall-clock epoch seconds, the newest last (at most 16 each).
 */
public record LinkStats(
        long txDataPackets, long rxDataPackets, long txDataBytes, long rxDataBytes,
        long rxPingPackets, long txPingPackets, long rxPingBytes, long txPingBytes,
        long rxPongPackets, long txPongPackets, long rxPongBytes, long txPongBytes,
        long rxPmtuPackets, long txPmtuPackets, long rxPmtuBytes, long txPmtuBytes,
        long txTotalPackets, long rxTotalPackets, long txTotalBytes, long rxTotalBytes,
        long txTotalErrors, long txTotalRetries,
        long txPmtuErrors, long txPmtuRetries, long txPingErrors, long txPingRetries,
        long txPongErrors, long txPongRetries, long txDataErrors, long txDataRetries,
        long latencyMin, long latencyMax, long latencyAve, long latencySamples,
        long downCount, long upCount,
        List<Long> lastUpTimes, List<Long> lastDownTimes,
        /* knet4j additions, not in libknet's struct: packets this link refused */
        long rxDroppedPackets) {
    public LinkStats {
        lastUpTimes = List.copyOf(lastUpTimes);
        lastDownTimes = List.copyOf(lastDownTimes);
    }
}
