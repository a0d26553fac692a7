package org.knet4j.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.rx.Defragmenter;
import org.knet4j.core.internal.rx.SeqWindow;
import org.knet4j.core.internal.tx.Fragmenter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One 65000-byte message cut into DATA packets at a 1458-byte data MTU (45 fragments), and the same 45 packets
 * reassembled the way the receive path does it: window lookup, then the defragmenter, then Mark on completion. One
 * op is the whole message; divide by 45 for a packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FragmentBenchmark {
    private final ByteBuffer message = Payloads.random(Payloads.LARGE, 7);
    private final int fragNum = Fragmenter.fragmentCount(Payloads.LARGE, Payloads.DATA_MTU);
    /** All fragments of one message back to back, as the fragmenter writes them. */
    private final ByteBuffer wire = ByteBuffer.allocateDirect(fragNum * (DataHeader.SIZE + Payloads.DATA_MTU));
    /** Payload views of the 45 fragments in {@link #wire}, made once so that reassembly allocates no views. */
    private final ByteBuffer[] fragments = new ByteBuffer[fragNum];
    private final SeqWindow window = new SeqWindow();
    private final Defragmenter defrag = new Defragmenter(window, System::nanoTime);
    private int txSeq;
    private int rxSeq;

    @Setup
    public void cutOnce() {
        writeAll(0);
        int at = 0;
        for (int i = 1; i <= fragNum; i++) {
            int len = Fragmenter.fragmentLength(Payloads.LARGE, Payloads.DATA_MTU, i, fragNum);
            fragments[i - 1] = wire.duplicate().position(at + DataHeader.SIZE).limit(at + DataHeader.SIZE + len);
            at += DataHeader.SIZE + len;
        }
    }

    @Benchmark
    public ByteBuffer fragment65000() {
        txSeq = (txSeq + 1) & 0xFFFF;
        writeAll(txSeq);
        return wire;
    }

    /** Each op is a new message (the next seq), so every op takes a buffer, fills it and completes it. */
    @Benchmark
    public int reassemble65000() {
        rxSeq = (rxSeq + 1) & 0xFFFF;
        if (rxSeq == 0) {
            rxSeq = 1; // 0 means "unset" to the window
        }
        Defragmenter.Result r = null;
        for (int i = 1; i <= fragNum; i++) {
            window.onDataSeen();
            if (!window.accept(rxSeq)) {
                throw new IllegalStateException("seq " + rxSeq + " refused by the window");
            }
            r = defrag.offer(rxSeq, fragNum, i, fragments[i - 1]);
        }
        if (r != Defragmenter.Result.COMPLETE) {
            throw new IllegalStateException("message " + rxSeq + " not complete: " + r);
        }
        window.markDelivered(rxSeq);
        int len = defrag.completedMessage().remaining();
        defrag.releaseCompleted();
        return len;
    }

    private void writeAll(int seq) {
        wire.clear();
        for (int i = 1; i <= fragNum; i++) {
            Fragmenter.writeFragment(wire, 1, seq, 0, false, 0, message, Payloads.DATA_MTU, i, fragNum);
        }
    }
}
