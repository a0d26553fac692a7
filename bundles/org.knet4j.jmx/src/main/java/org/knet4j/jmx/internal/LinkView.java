package org.knet4j.jmx.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkStats;
import org.knet4j.api.LinkStatus;

/**
 * {@link LinkMXBean} over one link of a live handle. A link removed since the last poll makes every read fail with
 * IllegalStateException (the next poll unregisters the MBean).
 */
final class LinkView implements LinkMXBean {
    private final KnetHandle handle;
    private final int peer;
    private final int link;

    LinkView(KnetHandle handle, int peer, int link) {
        this.handle = handle;
        this.peer = peer;
        this.link = link;
    }

    private LinkStatus status() {
        try {
            return handle.linkGetStatus(peer, link);
        } catch (KnetException e) {
            throw gone(e);
        }
    }

    private LinkStats stats() {
        return status().stats();
    }

    private IllegalStateException gone(KnetException e) {
        return new IllegalStateException("link " + link + " to host " + peer + " of handle " + handle.hostId()
                + " is gone: " + e.getMessage(), e);
    }

    @Override
    public int getHostId() {
        return handle.hostId();
    }

    @Override
    public int getPeerHostId() {
        return peer;
    }

    @Override
    public int getLinkId() {
        return link;
    }

    @Override
    public String getPeerName() {
        try {
            return handle.hostGetName(peer);
        } catch (KnetException e) {
            throw gone(e);
        }
    }

    @Override
    public boolean isHostReachable() {
        try {
            return handle.hostGetStatus(peer).reachable();
        } catch (KnetException e) {
            throw gone(e);
        }
    }

    @Override
    public boolean isEnabled() {
        return status().enabled();
    }

    @Override
    public boolean isConnected() {
        return status().connected();
    }

    @Override
    public boolean isDynconnected() {
        return status().dynconnected();
    }

    @Override
    public String getSource() {
        return address(status().source());
    }

    @Override
    public String getDestination() {
        return address(status().destination());
    }

    private static String address(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public long getLatencyUs() {
        return status().latencyUs();
    }

    @Override
    public long getLastPongAgeMs() {
        long last = status().pongLastNanos();
        // the clock is read after the status, so the age is never negative
        return last == 0 ? -1 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last));
    }

    @Override
    public int getMtu() {
        return status().mtu();
    }

    @Override
    public int getProtoOverhead() {
        return status().protoOverhead();
    }

    @Override
    public int getPongCount() {
        try {
            return handle.linkGetPongCount(peer, link);
        } catch (KnetException e) {
            throw gone(e);
        }
    }

    @Override
    public int getPriority() {
        try {
            return handle.linkGetPriority(peer, link);
        } catch (KnetException e) {
            throw gone(e);
        }
    }

    @Override
    public long getTxDataPackets() {
        return stats().txDataPackets();
    }

    @Override
    public long getRxDataPackets() {
        return stats().rxDataPackets();
    }

    @Override
    public long getTxDataBytes() {
        return stats().txDataBytes();
    }

    @Override
    public long getRxDataBytes() {
        return stats().rxDataBytes();
    }

    @Override
    public long getRxPingPackets() {
        return stats().rxPingPackets();
    }

    @Override
    public long getTxPingPackets() {
        return stats().txPingPackets();
    }

    @Override
    public long getRxPingBytes() {
        return stats().rxPingBytes();
    }

    @Override
    public long getTxPingBytes() {
        return stats().txPingBytes();
    }

    @Override
    public long getRxPongPackets() {
        return stats().rxPongPackets();
    }

    @Override
    public long getTxPongPackets() {
        return stats().txPongPackets();
    }

    @Override
    public long getRxPongBytes() {
        return stats().rxPongBytes();
    }

    @Override
    public long getTxPongBytes() {
        return stats().txPongBytes();
    }

    @Override
    public long getRxPmtuPackets() {
        return stats().rxPmtuPackets();
    }

    @Override
    public long getTxPmtuPackets() {
        return stats().txPmtuPackets();
    }

    @Override
    public long getRxPmtuBytes() {
        return stats().rxPmtuBytes();
    }

    @Override
    public long getTxPmtuBytes() {
        return stats().txPmtuBytes();
    }

    @Override
    public long getTxTotalPackets() {
        return stats().txTotalPackets();
    }

    @Override
    public long getRxTotalPackets() {
        return stats().rxTotalPackets();
    }

    @Override
    public long getTxTotalBytes() {
        return stats().txTotalBytes();
    }

    @Override
    public long getRxTotalBytes() {
        return stats().rxTotalBytes();
    }

    @Override
    public long getTxTotalErrors() {
        return stats().txTotalErrors();
    }

    @Override
    public long getTxTotalRetries() {
        return stats().txTotalRetries();
    }

    @Override
    public long getTxPmtuErrors() {
        return stats().txPmtuErrors();
    }

    @Override
    public long getTxPmtuRetries() {
        return stats().txPmtuRetries();
    }

    @Override
    public long getTxPingErrors() {
        return stats().txPingErrors();
    }

    @Override
    public long getTxPingRetries() {
        return stats().txPingRetries();
    }

    @Override
    public long getTxPongErrors() {
        return stats().txPongErrors();
    }

    @Override
    public long getTxPongRetries() {
        return stats().txPongRetries();
    }

    @Override
    public long getTxDataErrors() {
        return stats().txDataErrors();
    }

    @Override
    public long getTxDataRetries() {
        return stats().txDataRetries();
    }

    @Override
    public long getLatencyMin() {
        return stats().latencyMin();
    }

    @Override
    public long getLatencyMax() {
        return stats().latencyMax();
    }

    @Override
    public long getLatencyAve() {
        return stats().latencyAve();
    }

    @Override
    public long getLatencySamples() {
        return stats().latencySamples();
    }

    @Override
    public long getDownCount() {
        return stats().downCount();
    }

    @Override
    public long getUpCount() {
        return stats().upCount();
    }

    @Override
    public long[] getLastUpTimes() {
        return stats().lastUpTimes().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public long[] getLastDownTimes() {
        return stats().lastDownTimes().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public long getRxDroppedPackets() {
        return stats().rxDroppedPackets();
    }
}
