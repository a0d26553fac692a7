package org.knet4j.core.internal.tx;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handle's 16-bit DATA sequence counter, one per handle for all destinations (WIRE.md §4.1): incremented before
 * use and never 0, so the first DATA after creation is 1 and 65535 is followed by 1. 0 is what timed pings carry
 * before the first DATA, and how receivers recognise a restarted sender (§4.4).
 *
 * <p>Thread-safe: the TX path takes {@link #next()} while the heartbeat thread reads {@link #current()}.
 */
public final class TxSequence {
    /** {@code SEQ_MAX / 8}: a DATA seq that is a multiple of this also triggers untimed pings (§4.3). */
    public static final int FORCED_PING_PERIOD = 8191;

    private final AtomicInteger seq = new AtomicInteger();

    /** Advance and return the seq for the next DATA message: 1..65535, skipping 0. */
    public int next() {
        return seq.updateAndGet(TxSequence::successor);
    }

    /** The last seq used, 0 before the first DATA: what a timed ping carries (§3, §4.4). */
    public int current() {
        return seq.get();
    }

    /** The seq after {@code s}: {@code s + 1}, except that 65535 (and anything not below it) is followed by 1. */
    public static int successor(int s) {
        return s >= 65535 || s < 0 ? 1 : s + 1;
    }

    /**
     * True if sending DATA with this seq must also send an untimed ping with it on all links to all hosts
     * (seq % 8191 == 0, §4.3). 0 is never a DATA seq, so it gives false.
     */
    public static boolean isForcedPingSeq(int s) {
        return s > 0 && s % FORCED_PING_PERIOD == 0;
    }
}
