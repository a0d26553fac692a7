package org.knet4j.reliability.fault;

/**
 * What one node received from one peer since the last reset: messages (by the sender's seq), those missing in the
 * range seen, duplicates, and the longest silence between two arrivals. The sender's epoch (random per process)
 * tells a restarted peer apart: its seqs start again, so the tally starts again.
 *
 * <p>Duplicates are found in a sliding window of the last {@link #WINDOW} seqs (a bitmap), so the tally costs the
 * same in a 10-minute soak as in a 5-second test.
 */
final class PeerTally {
    static final int WINDOW = 1 << 16;

    private final long[] seen = new long[WINDOW / 64];
    private long epoch;
    private long base = -1;
    private long highest = -1;
    private long received;
    private long duplicates;
    private long late;
    private long restarts;
    private long lastArrivalNanos;
    private long maxGapNanos;

    /** One message from the peer, seq {@code seq} of sender epoch {@code senderEpoch}, arrived at {@code nowNanos}. */
    synchronized void arrived(long senderEpoch, long seq, long nowNanos) {
        if (senderEpoch != epoch) {
            if (epoch != 0) {
                restarts++;
            }
            epoch = senderEpoch;
            startFrom(seq);
        } else if (base < 0) {
            startFrom(seq);
        }
        if (seq < base) {
            late++; // sent before the reset: neither counted nor missing
            return;
        }
        if (seq > highest) {
            for (long s = Math.max(highest + 1, seq - WINDOW + 1); s <= seq; s++) {
                clear(s);
            }
            highest = seq;
        } else if (highest - seq >= WINDOW) {
            late++;
            return;
        }
        if (isSet(seq)) {
            duplicates++;
            return;
        }
        set(seq);
        received++;
        if (lastArrivalNanos != 0) {
            maxGapNanos = Math.max(maxGapNanos, nowNanos - lastArrivalNanos);
        }
        lastArrivalNanos = nowNanos;
    }

    private void startFrom(long seq) {
        base = seq;
        highest = seq - 1;
        received = 0;
        lastArrivalNanos = 0;
        maxGapNanos = 0;
    }

    /** Forget everything counted so far; the next message from the peer starts the range. */
    synchronized void reset() {
        base = -1;
        highest = -1;
        received = 0;
        duplicates = 0;
        late = 0;
        lastArrivalNanos = 0;
        maxGapNanos = 0;
    }

    /** {@code received=N missing=N dup=N late=N restarts=N max_gap_ms=N} */
    synchronized String describe() {
        long missing = base < 0 ? 0 : (highest - base + 1) - received;
        return "received=" + received + " missing=" + missing + " dup=" + duplicates + " late=" + late
                + " restarts=" + restarts + " max_gap_ms=" + maxGapNanos / 1_000_000;
    }

    private void set(long seq) {
        int i = (int) (seq & (WINDOW - 1));
        seen[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long seq) {
        int i = (int) (seq & (WINDOW - 1));
        seen[i >>> 6] &= ~(1L << (i & 63));
    }

    private boolean isSet(long seq) {
        int i = (int) (seq & (WINDOW - 1));
        return (seen[i >>> 6] & (1L << (i & 63))) != 0;
    }
}
