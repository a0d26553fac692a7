package org.knet4j.core.internal.stats;

/** The counters of {@code struct knet_link_stats} that are counted, not computed. */
public final class LinkCounters extends Counters {
    public static final int TX_DATA_PACKETS = 0, RX_DATA_PACKETS = 1, TX_DATA_BYTES = 2, RX_DATA_BYTES = 3;
    public static final int RX_PING_PACKETS = 4, TX_PING_PACKETS = 5, RX_PING_BYTES = 6, TX_PING_BYTES = 7;
    public static final int RX_PONG_PACKETS = 8, TX_PONG_PACKETS = 9, RX_PONG_BYTES = 10, TX_PONG_BYTES = 11;
    public static final int RX_PMTU_PACKETS = 12, TX_PMTU_PACKETS = 13, RX_PMTU_BYTES = 14, TX_PMTU_BYTES = 15;
    public static final int TX_PMTU_ERRORS = 16, TX_PMTU_RETRIES = 17, TX_PING_ERRORS = 18, TX_PING_RETRIES = 19;
    public static final int TX_PONG_ERRORS = 20, TX_PONG_RETRIES = 21, TX_DATA_ERRORS = 22, TX_DATA_RETRIES = 23;
    public static final int DOWN_COUNT = 24, UP_COUNT = 25, RX_DROPPED = 26;
    private static final int SIZE = 27;

    public LinkCounters() {
        super(SIZE);
    }
}
