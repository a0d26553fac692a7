package org.knet4j.jmx.internal;

import java.util.List;
import org.knet4j.api.HandleStats;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;

/** {@link HandleMXBean} over a live handle; every read goes to the handle, so values are current. */
final class HandleView implements HandleMXBean {
    private final KnetHandle handle;

    HandleView(KnetHandle handle) {
        this.handle = handle;
    }

    private HandleStats stats() {
        return handle.getStats();
    }

    @Override
    public int getHostId() {
        return handle.hostId();
    }

    @Override
    public boolean isForwarding() {
        return handle.isForwarding();
    }

    @Override
    public int getDataMtu() {
        return handle.pmtudGet();
    }

    @Override
    public int getPmtudInterval() {
        return handle.pmtudGetFreq();
    }

    @Override
    public int getHostCount() {
        return handle.hostList().size();
    }

    @Override
    public int getReachableHostCount() {
        int n = 0;
        for (int host : handle.hostList()) {
            try {
                if (handle.hostGetStatus(host).reachable()) {
                    n++;
                }
            } catch (KnetException gone) {
                // removed meanwhile
            }
        }
        return n;
    }

    @Override
    public int getLinkCount() {
        return countLinks(false);
    }

    @Override
    public int getConnectedLinkCount() {
        return countLinks(true);
    }

    private int countLinks(boolean connectedOnly) {
        int n = 0;
        for (int host : handle.hostList()) {
            try {
                List<Integer> links = handle.linkList(host);
                for (int link : links) {
                    if (!connectedOnly || handle.linkGetStatus(host, link).connected()) {
                        n++;
                    }
                }
            } catch (KnetException gone) {
                // removed meanwhile
            }
        }
        return n;
    }

    @Override
    public int getCryptoTxSlot() {
        return handle.cryptoGetUseConfig();
    }

    @Override
    public String getCompressModel() {
        return handle.compressConfig().model();
    }

    @Override
    public long getTxUncompressedPackets() {
        return stats().txUncompressedPackets();
    }

    @Override
    public long getTxCompressedPackets() {
        return stats().txCompressedPackets();
    }

    @Override
    public long getTxCompressedOriginalBytes() {
        return stats().txCompressedOriginalBytes();
    }

    @Override
    public long getTxCompressedSizeBytes() {
        return stats().txCompressedSizeBytes();
    }

    @Override
    public long getTxCompressTimeAve() {
        return stats().txCompressTimeAve();
    }

    @Override
    public long getTxCompressTimeMin() {
        return stats().txCompressTimeMin();
    }

    @Override
    public long getTxCompressTimeMax() {
        return stats().txCompressTimeMax();
    }

    @Override
    public long getRxCompressedPackets() {
        return stats().rxCompressedPackets();
    }

    @Override
    public long getRxCompressedOriginalBytes() {
        return stats().rxCompressedOriginalBytes();
    }

    @Override
    public long getRxCompressedSizeBytes() {
        return stats().rxCompressedSizeBytes();
    }

    @Override
    public long getRxCompressTimeAve() {
        return stats().rxCompressTimeAve();
    }

    @Override
    public long getRxCompressTimeMin() {
        return stats().rxCompressTimeMin();
    }

    @Override
    public long getRxCompressTimeMax() {
        return stats().rxCompressTimeMax();
    }

    @Override
    public long getTxCryptPackets() {
        return stats().txCryptPackets();
    }

    @Override
    public long getTxCryptByteOverhead() {
        return stats().txCryptByteOverhead();
    }

    @Override
    public long getTxCryptTimeAve() {
        return stats().txCryptTimeAve();
    }

    @Override
    public long getTxCryptTimeMin() {
        return stats().txCryptTimeMin();
    }

    @Override
    public long getTxCryptTimeMax() {
        return stats().txCryptTimeMax();
    }

    @Override
    public long getRxCryptPackets() {
        return stats().rxCryptPackets();
    }

    @Override
    public long getRxCryptTimeAve() {
        return stats().rxCryptTimeAve();
    }

    @Override
    public long getRxCryptTimeMin() {
        return stats().rxCryptTimeMin();
    }

    @Override
    public long getRxCryptTimeMax() {
        return stats().rxCryptTimeMax();
    }

    @Override
    public long getRxMalformedPackets() {
        return stats().rxMalformedPackets();
    }

    @Override
    public long getRxUnknownHostPackets() {
        return stats().rxUnknownHostPackets();
    }

    @Override
    public long getRxBadVersionPackets() {
        return stats().rxBadVersionPackets();
    }

    @Override
    public long getRxUnknownLinkPackets() {
        return stats().rxUnknownLinkPackets();
    }

    @Override
    public long getRxUnreachableHostPackets() {
        return stats().rxUnreachableHostPackets();
    }

    @Override
    public long getRxDuplicatePackets() {
        return stats().rxDuplicatePackets();
    }

    @Override
    public long getRxBadFragmentPackets() {
        return stats().rxBadFragmentPackets();
    }

    @Override
    public long getRxNoChannelPackets() {
        return stats().rxNoChannelPackets();
    }

    @Override
    public long getRxFilteredPackets() {
        return stats().rxFilteredPackets();
    }

    @Override
    public long getRxCryptFailedPackets() {
        return stats().rxCryptFailedPackets();
    }

    @Override
    public long getRxDecompressFailedPackets() {
        return stats().rxDecompressFailedPackets();
    }

    @Override
    public long getTxQueueFullDrops() {
        return stats().txQueueFullDrops();
    }

    @Override
    public long getRxAclRefusedPackets() {
        return stats().rxAclRefusedPackets();
    }
}
