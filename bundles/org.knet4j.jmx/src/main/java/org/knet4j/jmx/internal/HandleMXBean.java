package org.knet4j.jmx.internal;

/**
 * One handle as {@code org.knet4j:type=Handle,hostId=N}: its status, then every field of
 * {@link org.knet4j.api.HandleStats} (libknet's handle stats and knet4j's drop counters), read live on each access.
 */
public interface HandleMXBean {
    /** This node's host id. */
    int getHostId();

    boolean isForwarding();

    /** The handle's data MTU (knet_handle_pmtud_get). */
    int getDataMtu();

    /** Seconds between PMTUd runs. */
    int getPmtudInterval();

    int getHostCount();

    int getReachableHostCount();

    int getLinkCount();

    int getConnectedLinkCount();

    /** The crypto slot used for sending: 0 clear, 1 or 2. */
    int getCryptoTxSlot();

    String getCompressModel();

    // ---------------------------------------------------------------- HandleStats, field for field
    long getTxUncompressedPackets();
    long getTxCompressedPackets();
    long getTxCompressedOriginalBytes();
    long getTxCompressedSizeBytes();
    long getTxCompressTimeAve();
    long getTxCompressTimeMin();
    long getTxCompressTimeMax();
    long getRxCompressedPackets();
    long getRxCompressedOriginalBytes();
    long getRxCompressedSizeBytes();
    long getRxCompressTimeAve();
    long getRxCompressTimeMin();
    long getRxCompressTimeMax();
    long getTxCryptPackets();
    long getTxCryptByteOverhead();
    long getTxCryptTimeAve();
    long getTxCryptTimeMin();
    long getTxCryptTimeMax();
    long getRxCryptPackets();
    long getRxCryptTimeAve();
    long getRxCryptTimeMin();
    long getRxCryptTimeMax();
    long getRxMalformedPackets();
    long getRxUnknownHostPackets();
    long getRxBadVersionPackets();
    long getRxUnknownLinkPackets();
    long getRxUnreachableHostPackets();
    long getRxDuplicatePackets();
    long getRxBadFragmentPackets();
    long getRxNoChannelPackets();
    long getRxFilteredPackets();
    long getRxCryptFailedPackets();
    long getRxDecompressFailedPackets();
    long getTxQueueFullDrops();
    long getRxAclRefusedPackets();
}
