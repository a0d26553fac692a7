package org.knet4j.bench;

import java.util.Arrays;

/** Round-trip times in microseconds, kept in a growing primitive array, with nearest-rank percentiles. */
final class LongSamples {
    private long[] values;
    private int size;

    LongSamples(int initialCapacity) {
        values = new long[Math.max(16, initialCapacity)];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code p} percent of the samples at or below it.
     *
     * @param p 0 &lt; p &lt;= 100
     * @return the sample, or 0 if there are none
     */
    long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.min(size, Math.max(1, rank)) - 1];
    }
}
