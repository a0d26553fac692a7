package org.knet4j.bench;

import java.util.Arrays;

/** Round-trip times in microseconds in a growing primitive array, with the C peer's percentile rule. */
final class LongSamples {
    private long[] values;
    private int size;
    private boolean sorted = true;

    LongSamples(int initialCapacity) {
        values = new long[Math.max(16, initialCapacity)];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
        sorted = false;
    }

    int size() {
        return size;
    }

    /**
     * The sample at {@code index} of the sorted samples (clamped to the last one), 0 if there are none. The C peer
     * reports p50 as index n/2 and p99 as index n*99/100.
     */
    long atIndex(int index) {
        if (size == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        return values[Math.min(Math.max(index, 0), size - 1)];
    }
}
