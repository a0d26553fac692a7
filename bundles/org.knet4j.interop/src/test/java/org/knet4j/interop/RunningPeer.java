package org.knet4j.interop;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A peer run by a test (the C peer or the Java peer, in-process or as a process): its stdout, log and end. */
interface RunningPeer extends AutoCloseable {
    /** Wait (bounded) for the end; the exit code, or -1 if it had to be stopped. */
    int awaitExit(long timeoutMs) throws Exception;

    /** The stdout lines so far. */
    List<String> stdout();

    /** Ask the mode to end now and print its RESULT (SIGTERM). */
    void stop();

    /** Both streams, for a failure message. */
    String log();

    /** Wait (bounded, polling) for a stdout line starting with {@code prefix}. */
    default boolean awaitLine(String prefix, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (stdout().stream().anyMatch(l -> l.startsWith(prefix))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The {@code key=value} fields of the last stdout line starting with {@code tag} and a space, empty if none. */
    default Map<String, String> lastFields(String tag) {
        Map<String, String> fields = new HashMap<>();
        for (String l : stdout()) {
            if (l.startsWith(tag + " ")) {
                fields = parse(l.substring(tag.length() + 1));
            }
        }
        return fields;
    }

    /** LINKSTATS lines by link id: tx_data, rx_data, enabled, connected. */
    default Map<Integer, Map<String, String>> linkStats() {
        Map<Integer, Map<String, String>> byLink = new HashMap<>();
        for (String l : stdout()) {
            if (l.startsWith("LINKSTATS ")) {
                Map<String, String> f = parse(l.substring("LINKSTATS ".length()));
                byLink.put(Integer.parseInt(f.get("link")), f);
            }
        }
        return byLink;
    }

    private static Map<String, String> parse(String kvs) {
        Map<String, String> f = new HashMap<>();
        for (String kv : kvs.trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                f.put(kv.substring(0, eq), kv.substring(eq + 1).trim());
            }
        }
        return f;
    }
}
