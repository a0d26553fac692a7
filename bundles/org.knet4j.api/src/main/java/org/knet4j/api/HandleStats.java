package org.knet4j.api;

/**
 * {@code struct knet_handle_stats} (times in nanoseconds, as libknet really measures them), followed by knet4j's
 * drop counters: every packet the receive path refused, by reason, so that malformed or hostile traffic is visible.
 */
public record HandleStats(
        long txUncompressedPackets, long txCompressedPackets, long txCompressedOriginalBytes,
        long txCompressedSizeBytes, long txCompressTimeAve, long txCompressTimeMin, long txCompressTimeMax,
        long rxCompressedPackets, long rxCompressedOriginalBytes, long rxCompressedSizeBytes,
        long rxCompressTimeAve, long rxCompressTimeMin, long rxCompressTimeMax,
        long txCryptPackets, long txCryptByteOverhead, long txCryptTimeAve, long txCryptTimeMin, long txCryptTimeMax,
        long rxCryptPackets, long rxCryptTimeAve, long rxCryptTimeMin, long rxCryptTimeMax,
        /* knet4j drop counters */
        long rxMalformedPackets, long rxUnknownHostPackets, long rxBadVersionPackets, long rxUnknownLinkPackets,
        long rxUnreachableHostPackets, long rxDuplicatePackets, long rxBadFragmentPackets, long rxNoChannelPackets,
        long rxFilteredPackets, long rxCryptFailedPackets, long rxDecompressFailedPackets,
        long txQueueFullDrops,
        /* since API 1.2: packets refused by the access lists (counted before any decryption) */
        long rxAclRefusedPackets) {
}
