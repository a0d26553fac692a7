package org.knet4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knet4j.api.Knet;

/** One in-process peer on its own thread, with its stdout captured. */
final class PeerRun {
    private final PeerTool tool;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Thread thread;
    private final String[] args;
    private volatile int exit = -1;

    private PeerRun(Knet knet, String... args) {
        this.args = args;
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        tool = new PeerTool(out, System.err);
        thread = new Thread(() -> exit = tool.run(knet, args), "peer-" + String.join(" ", args));
        thread.setDaemon(true);
    }

    static PeerRun start(Knet knet, String... args) {
        PeerRun r = new PeerRun(knet, args);
        r.thread.start();
        return r;
    }

    /** Wait for the exit code; after {@code ms} ask the peer to stop (as SIGTERM) and wait 5 s more. */
    int await(long ms) throws InterruptedException {
        thread.join(ms);
        if (thread.isAlive()) {
            tool.stop();
            thread.join(5000);
            throw new AssertionError("peer did not finish within " + ms + " ms: " + Arrays.toString(args)
                    + "\n" + output());
        }
        return exit;
    }

    void stop() {
        tool.stop();
    }

    boolean awaitLine(String line, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            if (lines().contains(line)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    String output() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> lines() {
        return output().lines().toList();
    }

    /** The RESULT line's fields; it must be the last line. */
    Map<String, String> result() {
        List<String> lines = lines();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (!last.startsWith("RESULT ")) {
            throw new AssertionError("last stdout line is not RESULT: " + output());
        }
        Map<String, String> fields = new HashMap<>();
        for (String kv : last.substring(7).split(" ")) {
            int eq = kv.indexOf('=');
            fields.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return fields;
    }

    @Override
    public String toString() {
        return Arrays.toString(args) + " exit " + exit + "\n" + output();
    }
}
