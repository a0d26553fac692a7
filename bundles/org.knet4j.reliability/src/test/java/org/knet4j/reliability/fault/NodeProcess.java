package org.knet4j.reliability.fault;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link FaultNode} or {@link ImpairmentRelay} child process (inside a network namespace, or not): its stdout
 * lines are kept (with the time each arrived), commands go to its stdin, stderr goes to a file under
 * {@code target/fault-logs}.
 */
final class NodeProcess implements AutoCloseable {
    /** One stdout line and {@code System.nanoTime()} when the test read it. */
    record Line(String text, long nanos) {
    }

    private final String name;
    private final List<String> command;
    private final List<Line> lines = new ArrayList<>();
    private Process process;
    private OutputStream stdin;

    private NodeProcess(String name, List<String> command) {
        this.name = name;
        this.command = command;
    }

    /**
     * Start {@code mainClass} with this JVM's class path, inside {@code netns} (null: here).
     */
    static NodeProcess start(String name, String netns, Class<?> mainClass, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        // small, quiet JVMs: three of them share two loaded cores with the build
        cmd.addAll(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // Netty reports a pooled buffer garbage-collected unreleased as "LEAK:" on stderr
                "-Dio.netty.leakDetection.level=advanced",
                "-cp", PrivateClassPath.get(), mainClass.getName()));
        cmd.addAll(args);
        NodeProcess p = new NodeProcess(name, cmd);
        java.nio.file.Files.deleteIfExists(p.stderrFile().toPath());
        p.launch();
        return p;
    }

    String name() {
        return name;
    }

    private File stderrFile() {
        return new File("target/fault-logs", name + ".err");
    }

    /** Netty's leak reports ("LEAK:") in this process's stderr so far. */
    long leakReports() throws IOException {
        File f = stderrFile();
        if (!f.exists()) {
            return 0;
        }
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(f.toPath())) {
            return lines.filter(l -> l.contains("LEAK:")).count();
        }
    }

    private void launch() throws IOException {
        stderrFile().getParentFile().mkdirs();
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrFile()))
                .start();
        stdin = process.getOutputStream();
        Process mine = process;
        ExitCleanup.register(this, mine::destroyForcibly);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(mine.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(new Line(l, System.nanoTime()));
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone; its lines so far stay
            }
        }, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Kill the process (SIGKILL) and start it again with the same command; its old lines stay. */
    void restart() throws IOException, InterruptedException {
        kill();
        launch();
    }

    /** SIGKILL, and wait (at most 10 s) until it is gone. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The number of lines read so far: a mark to wait from. */
    int mark() {
        synchronized (lines) {
            return lines.size();
        }
    }

    List<Line> linesFrom(int mark) {
        synchronized (lines) {
            return new ArrayList<>(lines.subList(Math.min(mark, lines.size()), lines.size()));
        }
    }

    /**
     * The first line from {@code mark} on that matches, waiting at most {@code timeout}.
     *
     * @throws AssertionError naming the node and what was awaited, if none came
     */
    Line await(int mark, Predicate<String> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int i = mark;
            while (true) {
                for (; i < lines.size(); i++) {
                    if (match.test(lines.get(i).text())) {
                        return lines.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    List<String> last = lines.subList(Math.max(0, lines.size() - 8), lines.size()).stream()
                            .map(Line::text).toList();
                    throw new AssertionError(name + ": no " + what + " within " + timeout.toMillis()
                            + " ms; last lines: " + last);
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** Send one command and wait (10 s) for its OK; the lines it printed before the OK are returned. */
    List<String> command(String cmd) throws IOException, InterruptedException {
        int m = mark();
        stdin.write((cmd + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        String word = cmd.split("\\s+")[0];
        Line ok = await(m, l -> l.equals("OK " + word) || l.startsWith("ERR " + word), Duration.ofSeconds(10),
                "answer to '" + cmd + "'");
        if (ok.text().startsWith("ERR")) {
            throw new AssertionError(name + ": " + ok.text());
        }
        List<String> out = new ArrayList<>();
        for (Line l : linesFrom(m)) {
            if (l == ok) {
                break;
            }
            out.add(l.text());
        }
        return out;
    }

    /**
     * Send {@code cmd} and return its answer line, the one starting with {@code prefix} (LINK and HOST events may
     * come between the command and its answer).
     */
    String answer(String cmd, String prefix) throws IOException, InterruptedException {
        for (String l : command(cmd)) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        throw new AssertionError(name + ": no " + prefix + "line answered '" + cmd + "'");
    }

    /** {@code res}: heap_after_gc_kb, threads, fds, live_buffers. */
    Map<String, Long> resources() throws IOException, InterruptedException {
        return fields(answer("res", "RES "));
    }

    /** {@code stats}: per peer, the key=value figures of its STATS line (plus "sent" and "eagain" under peer -1). */
    Map<Integer, Map<String, Long>> stats() throws IOException, InterruptedException {
        Map<Integer, Map<String, Long>> byPeer = new HashMap<>();
        for (String l : command("stats")) {
            if (l.startsWith("STATS ")) {
                Map<String, Long> f = fields(l);
                byPeer.put(f.get("peer").intValue(), f);
            } else if (l.startsWith("STATS-END ")) {
                byPeer.put(-1, fields(l));
            }
        }
        return byPeer;
    }

    /** The key=value pairs of a line whose values are integers. */
    static Map<String, Long> fields(String line) {
        Map<String, Long> f = new HashMap<>();
        for (String w : line.split("\\s+")) {
            int eq = w.indexOf('=');
            if (eq > 0) {
                try {
                    f.put(w.substring(0, eq), Long.parseLong(w.substring(eq + 1)));
                } catch (NumberFormatException e) {
                    // not a figure
                }
            }
        }
        return f;
    }

    /** Ask it to quit (2 s), then kill it. */
    @Override
    public void close() throws InterruptedException {
        ExitCleanup.unregister(this);
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            // already closing
        }
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
