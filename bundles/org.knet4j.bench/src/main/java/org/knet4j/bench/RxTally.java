package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * What a receiving mode saw: every message, the corrupt ones, the duplicates, and which sequence numbers arrived,
 * so that the missing ones can be counted. Single-threaded; allocates only when the seen-set grows.
 */
final class RxTally {
    /** A sequence number this far beyond the highest one seen is not believed (it would only grow the set). */
    static final long MAX_SEQ_JUMP = 1L << 26;

    private final int expectedSize;
    private final long countLimit;
    private final BitSet seen = new BitSet();
    private long received;
    private long corrupt;
    private long duplicates;
    private long unique;
    private long maxSeq = -1;
    private long firstNanos;
    private long lastNanos;

    /**
     * @param expectedSize the --size every message must have, or 0 to accept any size
     * @param countLimit   sequence numbers at or above it are corrupt ({@link Long#MAX_VALUE}: no limit)
     */
    RxTally(int expectedSize, long countLimit) {
        this.expectedSize = expectedSize;
        this.countLimit = countLimit;
    }

    /**
     * Count the message in {@code msg[position, limit)} received at {@code nanos}.
     *
     * @return the verdict: {@code OK}, {@code CORRUPT} or {@code DUPLICATE}
     */
    Verdict record(ByteBuffer msg, long nanos) {
        if (received++ == 0) {
            firstNanos = nanos;
        }
        lastNanos = nanos;
        if (expectedSize > 0 && msg.remaining() != expectedSize) {
            corrupt++;
            return Verdict.CORRUPT;
        }
        long seq = MessageCodec.verify(msg);
        if (seq == MessageCodec.CORRUPT || seq >= countLimit || seq > maxSeq + MAX_SEQ_JUMP
                || seq >= Integer.MAX_VALUE) {
            corrupt++;
            return Verdict.CORRUPT;
        }
        if (seq == MessageCodec.NO_SEQ) {
            unique++; // content checked; a short message carries no number to find duplicates by
            return Verdict.OK;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return Verdict.DUPLICATE;
        }
        seen.set((int) seq);
        unique++;
        maxSeq = Math.max(maxSeq, seq);
        return Verdict.OK;
    }

    enum Verdict { OK, CORRUPT, DUPLICATE }

    long received() {
        return received;
    }

    /** Corrupt messages plus duplicates: both are messages the peer did not send once. */
    long corrupt() {
        return corrupt + duplicates;
    }

    long duplicates() {
        return duplicates;
    }

    /** Distinct correct messages. */
    long unique() {
        return unique;
    }

    /**
     * Messages that never arrived: {@code count - distinct} when a count was expected, otherwise the gaps below the
     * highest sequence number seen.
     */
    long missing() {
        if (countLimit != Long.MAX_VALUE) {
            return Math.max(0, countLimit - unique);
        }
        return maxSeq < 0 ? 0 : Math.max(0, maxSeq + 1 - unique);
    }

    /** First to last message, in seconds (0 for fewer than two messages). */
    double seconds() {
        return received < 2 ? 0 : (lastNanos - firstNanos) / 1e9;
    }
}
