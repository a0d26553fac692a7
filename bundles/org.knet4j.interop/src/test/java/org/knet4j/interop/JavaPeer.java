package org.knet4j.interop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.Knet;
import org.knet4j.bench.PeerTool;

/** Our Java peer tool run in-process on its own thread, with the same flags as the C peer. */
final class JavaPeer implements RunningPeer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PeerTool tool;
    private final CompletableFuture<Integer> exit;

    JavaPeer(Knet knet, String... args) {
        tool = new PeerTool(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        exit = CompletableFuture.supplyAsync(() -> tool.run(knet, args));
    }

    @Override
    public int awaitExit(long timeoutMs) throws Exception {
        try {
            return exit.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            tool.stop();
            return exit.get(5, TimeUnit.SECONDS) == 0 ? -1 : -1;
        }
    }

    Map<String, String> result() {
        return fields("RESULT");
    }

    /** The {@code key=value} fields of the line starting with {@code tag} and a space, empty if none. */
    Map<String, String> fields(String tag) {
        Map<String, String> fields = new HashMap<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (l.startsWith(tag + " ")) {
                for (String kv : l.substring(tag.length() + 1).split(" ")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        fields.put(kv.substring(0, eq), kv.substring(eq + 1).trim());
                    }
                }
            }
        }
        return fields;
    }

    /** Whether a stdout line so far starts with {@code prefix}. */
    boolean printed(String prefix) {
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (l.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public java.util.List<String> stdout() {
        return java.util.List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }

    /** What SIGTERM does to the tool: end the mode, print RESULT. */
    @Override
    public void stop() {
        tool.stop();
    }

    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            tool.stop();
            exit.get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String log() {
        return "--- Java peer stdout ---\n" + out.toString(StandardCharsets.UTF_8)
                + "--- Java peer stderr ---\n" + err.toString(StandardCharsets.UTF_8);
    }
}
