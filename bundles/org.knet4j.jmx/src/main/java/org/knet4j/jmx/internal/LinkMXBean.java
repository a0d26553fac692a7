package org.knet4j.jmx.internal;

/**
 * One link as {@code org.knet4j:type=Link,hostId=N,peer=M,link=L}: the link's status, its host's reachability, then
 * every field of {@link org.knet4j.api.LinkStats}, read live on each access.
 */
public interface LinkMXBean {
    /** The local handle's host id. */
    int getHostId();

    int getPeerHostId();

    int getLinkId();

    String getPeerName();

    /** The peer host is reachable (at least one link up with a valid MTU). */
    boolean isHostReachable();

    boolean isEnabled();

    /** Pongs arrive in time: the link is up. */
    boolean isConnected();

    /** A dynamic link has learned its peer's address (always true for a static link). */
    boolean isDynconnected();

    String getSource();

    /** The peer's address; null for a dynamic link that has not learned it yet. */
    String getDestination();

    /** Running mean round-trip latency, microseconds. */
    long getLatencyUs();

    /** Milliseconds since the last pong, -1 if none came yet. */
    long getLastPongAgeMs();

    /** The link's data MTU. */
    int getMtu();

    int getProtoOverhead();

    /** Pongs needed before the link goes up (knet_link_get_pong_count). */
    int getPongCount();

    int getPriority();

    // ---------------------------------------------------------------- LinkStats, field for field
    long getTxDataPackets();
    long getRxDataPackets();
    long getTxDataBytes();
    long getRxDataBytes();
    long getRxPingPackets();
    long getTxPingPackets();
    long getRxPingBytes();
    long getTxPingBytes();
    long getRxPongPackets();
    long getTxPongPackets();
    long getRxPongBytes();
    long getTxPongBytes();
    long getRxPmtuPackets();
    long getTxPmtuPackets();
    long getRxPmtuBytes();
    long getTxPmtuBytes();
    long getTxTotalPackets();
    long getRxTotalPackets();
    long getTxTotalBytes();
    long getRxTotalBytes();
    long getTxTotalErrors();
    long getTxTotalRetries();
    long getTxPmtuErrors();
    long getTxPmtuRetries();
    long getTxPingErrors();
    long getTxPingRetries();
    long getTxPongErrors();
    long getTxPongRetries();
    long getTxDataErrors();
    long getTxDataRetries();
    long getLatencyMin();
    long getLatencyMax();
    long getLatencyAve();
    long getLatencySamples();
    long getDownCount();
    long getUpCount();
    long[] getLastUpTimes();
    long[] getLastDownTimes();
    long getRxDroppedPackets();
}
