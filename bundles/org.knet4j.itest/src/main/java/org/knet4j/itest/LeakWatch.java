package org.knet4j.itest;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector (PARANOID in itest.bndrun: every buffer is tracked) reports a buffer that was garbage
 * collected without being released as an ERROR line containing {@code LEAK:}; through SLF4J's simple logger that
 * goes to {@code System.err}. This tee keeps those lines so a test can assert that none appeared, and every other
 * line of {@code System.err} and {@code System.out} (where Felix itself logs errors) for tests that look for a
 * logged error.
 */
final class LeakWatch implements AutoCloseable {
    private final PrintStream original;
    private final PrintStream originalOut;
    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LeakWatch(PrintStream original, PrintStream originalOut) {
        this.original = original;
        this.originalOut = originalOut;
    }

    static LeakWatch install() {
        LeakWatch w = new LeakWatch(System.err, System.out);
        System.setErr(new PrintStream(new LineTee(w, w.original), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new LineTee(w, w.originalOut), true, StandardCharsets.UTF_8));
        return w;
    }

    List<String> leaks() {
        return List.copyOf(leaks);
    }

    /** Lines printed since {@link #install()} that contain {@code text}. */
    List<String> linesContaining(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    /**
     * Give the detector its chance: a leaked buffer is only reported after the collector has found it and a later
     * allocation polls the detector's queue, which the caller's traffic after this call provides.
     */
    static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
        System.setOut(originalOut);
    }

    /** Passes every byte on and collects whole lines to look for leak reports. */
    private static final class LineTee extends OutputStream {
        private final LeakWatch watch;
        private final PrintStream to;
        private final StringBuilder line = new StringBuilder();

        LineTee(LeakWatch watch, PrintStream to) {
            this.watch = watch;
            this.to = to;
        }

        @Override
        public synchronized void write(int b) {
            to.write(b);
            if (b == '\n') {
                String s = line.toString();
                if (s.contains("LEAK:")) {
                    watch.leaks.add(s);
                }
                if (watch.lines.size() < 10_000) {
                    watch.lines.add(s);
                }
                line.setLength(0);
            } else if (line.length() < 4096) {
                line.append((char) b);
            }
        }

        @Override
        public void flush() {
            to.flush();
        }
    }
}
