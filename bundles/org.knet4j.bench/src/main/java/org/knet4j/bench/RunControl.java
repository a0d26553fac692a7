package org.knet4j.bench;

/**
 * Tells a running mode to finish early (SIGTERM, or a test): the mode stops at its next check, at most one receive
 * poll later, and its RESULT is printed as usual.
 */
final class RunControl {
    private volatile boolean stopRequested;

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }
}
