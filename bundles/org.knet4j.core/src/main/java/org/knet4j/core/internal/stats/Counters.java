package org.knet4j.core.internal.stats;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed set of lock-free counters indexed by constants: the send, receive and heartbeat threads bump them
 * concurrently without a lock and without allocating.
 */
public class Counters {
    private final AtomicLongArray values;

    protected Counters(int size) {
        values = new AtomicLongArray(size);
    }

    public final void inc(int index) {
        values.getAndIncrement(index);
    }

    public final void add(int index, long delta) {
        values.getAndAdd(index, delta);
    }

    public final long get(int index) {
        return values.get(index);
    }

    public final void set(int index, long value) {
        values.set(index, value);
    }

    /** Keep the smaller of the current value and {@code sample}. */
    public final void min(int index, long sample) {
        long cur;
        while (sample < (cur = values.get(index)) && !values.compareAndSet(index, cur, sample)) {
            // retry: another thread changed it
        }
    }

    /** Keep the larger of the current value and {@code sample}. */
    public final void max(int index, long sample) {
        long cur;
        while (sample > (cur = values.get(index)) && !values.compareAndSet(index, cur, sample)) {
            // retry
        }
    }

    public void clear() {
        for (int i = 0; i < values.length(); i++) {
            values.set(i, 0);
        }
    }
}
