package org.knet4j.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Our C peer (src/test/c/knet_peer.c) on Debian's libknet 1.25, run as a child process. Built once per test run
 * with gcc; its stdout and stderr are kept so a failing case shows the C side's log.
 */
final class CPeer implements RunningPeer {
    private static Path binary;

    private final String label;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final StringBuilder err = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    /** Build the peer (once) and say why not if libknet or gcc is missing. */
    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path src = Path.of(System.getProperty("knet4j.cpeer.src", "src/test/c"));
        Path bin = Path.of(System.getProperty("knet4j.cpeer.bin", "target/knet_peer"));
        Files.createDirectories(bin.getParent());
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", bin.toString(),
                src.resolve("knet_peer.c").toString(), "-lknet", "-lpthread")
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IllegalStateException("cannot build the C peer against libknet 1.25 "
                    + "(apt-get install libknet1 libknet-dev gcc):\n" + log);
        }
        binary = bin;
        return bin;
    }

    CPeer(String... args) throws IOException, InterruptedException {
        this("C peer", withBinary(List.of(), args));
    }

    /** The C peer inside network namespace {@code ns} ({@code ip netns exec ns knet_peer args}). */
    static CPeer inNamespace(String ns, String... args) throws IOException, InterruptedException {
        return new CPeer("C peer (netns " + ns + ")", withBinary(List.of("ip", "netns", "exec", ns), args));
    }

    /**
     * Any peer process that speaks the peers' stdout protocol, given its whole command line: the C peer under
     * {@code ip netns exec}, or the Java peer tool in a JVM of its own.
     */
    CPeer(List<String> command) throws IOException {
        this("peer " + String.join(" ", command.subList(0, Math.min(4, command.size()))), command);
    }

    /** Any peer command line (the Java peer as a process, say), read and stopped as the C peer is. */
    static CPeer process(String label, List<String> command) throws IOException {
        return new CPeer(label, command);
    }

    private static List<String> withBinary(List<String> prefix, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private CPeer(String label, List<String> cmd) throws IOException {
        this.label = label;
        process = new ProcessBuilder(cmd).start();
        outReader = pump(process.getInputStream(), line -> {
            synchronized (out) {
                out.add(line);
                out.notifyAll();
            }
        });
        errReader = pump(process.getErrorStream(), line -> {
            synchronized (err) {
                err.append(line).append('\n');
            }
        });
    }

    private interface LineSink {
        void line(String s);
    }

    private static Thread pump(InputStream in, LineSink sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.line(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "cpeer-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Wait (bounded) for a stdout line starting with {@code prefix}. */
    @Override
    public boolean awaitLine(String prefix, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (out) {
            while (true) {
                for (String l : out) {
                    if (l.startsWith(prefix)) {
                        return true;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || (!process.isAlive() && !outReader.isAlive())) {
                    return false;
                }
                out.wait(Math.min(left, 50));
            }
        }
    }

    /** Wait (bounded) for the process to end; returns its exit code, or -1 if it had to be killed. */
    @Override
    public int awaitExit(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
            return -1;
        }
        outReader.join(2000);
        errReader.join(2000);
        return process.exitValue();
    }

    /** The fields of the RESULT line ({@code received=N ...}), empty if none was printed. */
    Map<String, String> result() {
        return fields("RESULT");
    }

    /** The {@code key=value} fields of the line starting with {@code tag} and a space, empty if none. */
    Map<String, String> fields(String tag) {
        Map<String, String> fields = new HashMap<>();
        synchronized (out) {
            for (String l : out) {
                if (l.startsWith(tag + " ")) {
                    for (String kv : l.substring(tag.length() + 1).split(" ")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            fields.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                    }
                }
            }
        }
        return fields;
    }

    @Override
    public List<String> stdout() {
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    /**
     * SIGTERM: the peer ends its mode and prints its RESULT. Through the process handle: Process.destroy() would
     * also close our ends of its pipes, and the RESULT would be lost (or the peer killed by SIGPIPE).
     */
    @Override
    public void stop() {
        process.toHandle().destroy();
    }

    /** Both streams, for a failure message. */
    @Override
    public String log() {
        StringBuilder b = new StringBuilder("--- " + label + " stdout ---\n");
        synchronized (out) {
            out.forEach(l -> b.append(l).append('\n'));
        }
        synchronized (err) {
            b.append("--- " + label + " stderr ---\n").append(err);
        }
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        }
    }
}
