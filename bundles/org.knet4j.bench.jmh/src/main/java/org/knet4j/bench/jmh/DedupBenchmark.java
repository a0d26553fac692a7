package org.knet4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.knet4j.core.internal.rx.SeqWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-packet de-duplication of an unfragmented message: the window's Lookup for the next seq, then Mark after
 * delivery; and the check that drops a copy of an already delivered seq (a second link's duplicate).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DedupBenchmark {
    /** The seq the duplicate check offers again and again; delivered once in setup. */
    private static final int DELIVERED = 100;

    private final SeqWindow window = new SeqWindow();
    private int seq;

    @Setup
    public void deliverOnce() {
        window.onDataSeen();
        window.accept(DELIVERED);
        window.markDelivered(DELIVERED);
    }

    @Benchmark
    public boolean acceptAndMark() {
        seq = (seq + 1) & 0xFFFF;
        if (seq == 0) {
            seq = 1;
        }
        window.onDataSeen();
        boolean fresh = window.accept(seq);
        window.markDelivered(seq);
        return fresh;
    }

    /** A delivered seq again: the window says "seen" (false). */
    @Benchmark
    public boolean rejectDuplicate() {
        window.onDataSeen();
        return window.accept(DELIVERED);
    }
}
