package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * What {@code recv} and {@code bench-rx} saw, counted as the C peer counts it: a message is good if it has the
 * --size, matches its sequence number (a short one: the number of good messages so far), that number is below
 * --count and was not seen before; anything else is corrupt (duplicates included). {@code received} counts good
 * messages only, {@code missing} is {@code count - received}. Single-threaded; allocates only when the seen-set
 * grows.
 *
 * <p>With a warm-up of W, the first W messages taken are checked and counted as usual but left out of the rate:
 * {@link #seconds()}, {@link #rated()} and {@link #bytes()} start at message W + 1. A JVM receiver spends its
 * first seconds compiling, so a rate over the whole run measures warm-up as much as the engine; both peers use
 * the same rule, so a C receiver, which needs no warm-up, is measured the same way.
 */
final class RxTally {
    enum Verdict { GOOD, CORRUPT, DUPLICATE }

    private final int size;
    private final long count;
    private final PayloadPattern pattern;
    private final long warmup;
    private final BitSet seen = new BitSet();
    private long received;
    /** Good messages taken after the warm-up: the ones behind the rate. */
    private long rated;
    private long corrupt;
    private long duplicates;
    private long bytes;
    private long messages;
    private long firstNanos;
    private long lastNanos;
    private long lastGoodNanos;
    private long maxGapNanos;

    RxTally(int size, long count) {
        this(size, count, PayloadPattern.SEQ);
    }

    RxTally(int size, long count, PayloadPattern pattern) {
        this(size, count, pattern, 0);
    }

    /** @param warmup messages taken first that are left out of the rate (0: none) */
    RxTally(int size, long count, PayloadPattern pattern, long warmup) {
        this.size = size;
        this.count = count;
        this.pattern = pattern;
        this.warmup = warmup;
    }

    /** Count the message in {@code msg[position, limit)}, which arrived at {@code nanos}. */
    Verdict record(ByteBuffer msg, long nanos) {
        boolean inRate = ++messages > warmup;
        if (messages == warmup + 1) {
            firstNanos = nanos;
        }
        int n = msg.remaining();
        if (inRate) {
            lastNanos = nanos;
            bytes += n;
        }
        long seq = n == size ? MessageCodec.verify(msg, received, pattern) : MessageCodec.CORRUPT;
        if (seq < 0 || seq >= count || seq >= Integer.MAX_VALUE) {
            corrupt++;
            return Verdict.CORRUPT;
        }
        if (seen.get((int) seq)) {
            corrupt++;
            duplicates++;
            return Verdict.DUPLICATE;
        }
        seen.set((int) seq);
        if (inRate) {
            rated++;
        }
        if (received++ > 0) {
            maxGapNanos = Math.max(maxGapNanos, nanos - lastGoodNanos);
        }
        lastGoodNanos = nanos;
        return Verdict.GOOD;
    }

    /** Good, distinct messages. */
    long received() {
        return received;
    }

    /** Messages that were not good, duplicates included. */
    long corrupt() {
        return corrupt;
    }

    /** The largest interval between two consecutive good messages (0 for fewer than two), in ms. */
    double maxGapMs() {
        return maxGapNanos / 1e6;
    }

    long duplicates() {
        return duplicates;
    }

    long missing() {
        return Math.max(0, count - received);
    }

    /** Good, distinct messages taken after the warm-up: {@link #received()} when there is none. */
    long rated() {
        return rated;
    }

    /** Bytes of every message taken after the warm-up, good or not. */
    long bytes() {
        return bytes;
    }

    /** First to last message taken after the warm-up, in seconds (0 for fewer than two). */
    double seconds() {
        return messages - warmup < 2 ? 0 : (lastNanos - firstNanos) / 1e9;
    }
}
