package org.knet4j.core.internal.link;

/**
 * Path-MTU discovery bookkeeping of a link (WIRE.md §6): whether it has a discovered MTU, when it last ran, whether a
 * run is forced, and the probe being waited for. The prober thread writes; the receive thread signals replies.
 */
public final class LinkPmtudState {
    /** A run finished and {@link Link#mtu()} holds its result. */
    public volatile boolean discovered;
    public volatile long lastRunNanos;
    public volatile boolean forced = true;
    /** The size field of the probe in flight, or -1. */
    private int expectedSize = -1;
    private boolean replied;
    /** libknet's crypto wait multiplier: starts at 2, doubles on a timeout (up to 128), halves on a fast reply. */
    public int cryptoFactor = 2;

    public synchronized void expect(int size) {
        expectedSize = size;
        replied = false;
    }

    /** The receive thread got a PMTUD_REPLY carrying {@code size}. */
    public synchronized void reply(int size) {
        if (size == expectedSize) {
            replied = true;
            notifyAll();
        }
    }

    /** Wait up to {@code nanos} for the reply to the probe announced with {@link #expect}. */
    public synchronized boolean await(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!replied) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        boolean r = replied;
        expectedSize = -1;
        return r;
    }
}
