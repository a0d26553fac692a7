package org.knet4j.spi.crypto.framing;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of per-operation working states (cipher and digest objects plus scratch arrays). Each
 * packet takes one state with a compare-and-set and puts it back with another, so concurrent senders and receivers
 * never wait for each other and, once every thread has found a state, nothing is allocated. A thread starts
 * looking at its own "home" entry, so in the steady state each thread keeps reusing the same state.
 *
 * <p>Unlike a {@code ThreadLocal}, nothing is attached to the callers' threads (Netty event loops, user send
 * threads): when the engine is dropped its states go with it, and a stopped bundle leaves no class loader behind.
 */
public final class StatePool<S> {
    /** Entries are this many array slots apart, so two threads' home entries never share a cache line. */
    private static final int SPACING = 16;

    private final AtomicReferenceArray<S> entries;
    private final int mask;

    /** A pool that keeps up to {@code capacity} states (rounded up to a power of two, at least 2). */
    public StatePool(int capacity) {
        int n = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.mask = n - 1;
        this.entries = new AtomicReferenceArray<>(n * SPACING);
    }

    /** Room for four states per processor, between 8 and 64: more than can be inside crypto at once. */
    public static int defaultCapacity() {
        return Math.min(64, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    }

    /** Take a state, or return null when every pooled state is in use. */
    public S poll() {
        int home = home();
        for (int i = 0; i <= mask; i++) {
            int at = ((home + i) & mask) * SPACING;
            S s = entries.get(at);
            if (s != null && entries.compareAndSet(at, s, null)) {
                return s;
            }
        }
        return null;
    }

    /** Put a state back; false (and the state is left to the garbage collector) when the pool is full. */
    public boolean offer(S state) {
        int home = home();
        for (int i = 0; i <= mask; i++) {
            int at = ((home + i) & mask) * SPACING;
            if (entries.get(at) == null && entries.compareAndSet(at, null, state)) {
                return true;
            }
        }
        return false;
    }

    /** Forget every pooled state. States in use at the time are not affected. */
    public void clear() {
        for (int i = 0; i <= mask; i++) {
            entries.set(i * SPACING, null);
        }
    }

    /** How many states are pooled right now (for tests). */
    public int size() {
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            if (entries.get(i * SPACING) != null) {
                n++;
            }
        }
        return n;
    }

    private static int home() {
        long id = Thread.currentThread().getId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
    }
}
