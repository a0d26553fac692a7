package org.knet4j.reliability.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last resort if the test JVM is ended before {@code @AfterAll} or {@code close()} ran (a surefire timeout, ^C): a
 * shutdown hook that kills our child processes and deletes our namespaces. Normal runs unregister each action as
 * they do it themselves.
 */
final class ExitCleanup {
    private static final Map<Object, Runnable> ACTIONS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ACTIONS.values().forEach(a -> {
            try {
                a.run();
            } catch (RuntimeException e) {
                // best effort at exit
            }
        }), "fault-exit-cleanup"));
    }

    private ExitCleanup() {
    }

    static void register(Object owner, Runnable action) {
        ACTIONS.put(owner, action);
    }

    static void unregister(Object owner) {
        ACTIONS.remove(owner);
    }
}
