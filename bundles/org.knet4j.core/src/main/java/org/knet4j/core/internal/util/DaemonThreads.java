package org.knet4j.core.internal.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The engine's named daemon timer threads: made one way, stopped one way (bounded wait, never hanging a stop). */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A single-thread scheduler whose thread is a daemon called {@code name}. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stop {@code executor} now and wait up to two seconds for its thread to end. */
    public static void stop(ScheduledExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
