package org.knet4j.core.internal.stats;

/** The handle's counters: libknet's compression and crypto figures, then knet4j's drop reasons. */
public final class HandleCounters extends Counters {
    public static final int TX_UNCOMPRESSED = 0, TX_COMPRESSED = 1, TX_COMPRESSED_ORIG_BYTES = 2,
            TX_COMPRESSED_SIZE_BYTES = 3, TX_COMPRESS_TIME_TOTAL = 4, TX_COMPRESS_TIME_MIN = 5,
            TX_COMPRESS_TIME_MAX = 6;
    public static final int RX_COMPRESSED = 7, RX_COMPRESSED_ORIG_BYTES = 8, RX_COMPRESSED_SIZE_BYTES = 9,
            RX_COMPRESS_TIME_TOTAL = 10, RX_COMPRESS_TIME_MIN = 11, RX_COMPRESS_TIME_MAX = 12;
    public static final int TX_CRYPT = 13, TX_CRYPT_OVERHEAD = 14, TX_CRYPT_TIME_TOTAL = 15, TX_CRYPT_TIME_MIN = 16,
            TX_CRYPT_TIME_MAX = 17;
    public static final int RX_CRYPT = 18, RX_CRYPT_TIME_TOTAL = 19, RX_CRYPT_TIME_MIN = 20, RX_CRYPT_TIME_MAX = 21;
    public static final int RX_MALFORMED = 22, RX_UNKNOWN_HOST = 23, RX_BAD_VERSION = 24, RX_UNKNOWN_LINK = 25,
            RX_UNREACHABLE_HOST = 26, RX_DUPLICATE = 27, RX_BAD_FRAGMENT = 28, RX_NO_CHANNEL = 29, RX_FILTERED = 30,
            RX_CRYPT_FAILED = 31, RX_DECOMPRESS_FAILED = 32, TX_QUEUE_FULL = 33;
    /** Packets whose source the access lists refused (before decryption, or per link after the header). */
    public static final int RX_ACL_REFUSED = 34;
    private static final int SIZE = 35;

    public HandleCounters() {
        super(SIZE);
        resetMins();
    }

    /** libknet starts every *_min at UINT64_MAX. */
    private void resetMins() {
        set(TX_COMPRESS_TIME_MIN, Long.MAX_VALUE);
        set(RX_COMPRESS_TIME_MIN, Long.MAX_VALUE);
        set(TX_CRYPT_TIME_MIN, Long.MAX_VALUE);
        set(RX_CRYPT_TIME_MIN, Long.MAX_VALUE);
    }

    @Override
    public void clear() {
        super.clear();
        resetMins();
    }
}
