package org.knet4j.config.internal;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waits for the engine tests. */
final class Waits {
    private Waits() {
    }

    /** Poll {@code condition} every 10 ms; false if it did not hold within {@code timeout}. */
    static boolean until(Duration timeout, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - end < 0) {
            if (Boolean.TRUE.equals(condition.call())) {
                return true;
            }
            Thread.sleep(10);
        }
        return Boolean.TRUE.equals(condition.call());
    }
}
