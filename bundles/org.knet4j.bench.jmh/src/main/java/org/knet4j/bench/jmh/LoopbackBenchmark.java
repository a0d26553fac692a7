package org.knet4j.bench.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.KnetException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One 1400-byte message through the whole engine: host 1's channel, its send path, a UDP datagram over loopback,
 * host 2's receive path and channel. The GC profiler's bytes per op count every thread of the JVM, so they include
 * the engine's and Netty's threads. {@code oneMessage} waits for each message (latency bound: thread hand-offs
 * dominate); {@code burstOf64} queues 64 and then takes 64 (closer to the throughput path), per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoopbackBenchmark {
    private static final int BURST = 64;
    private static final Duration WAIT = Duration.ofSeconds(2);

    private final ByteBuffer message = Payloads.random(Payloads.PACKET, 13);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(65536);
    private LinkedPair pair;

    @Setup(Level.Trial)
    public void link() throws KnetException, IOException, InterruptedException {
        pair = new LinkedPair();
        pair.awaitFlowing(message, rx);
    }

    @TearDown(Level.Trial)
    public void unlink() {
        pair.close();
    }

    @Benchmark
    public int oneMessage() throws KnetException, InterruptedException {
        send();
        return take();
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int burstOf64() throws KnetException, InterruptedException {
        for (int i = 0; i < BURST; i++) {
            send();
        }
        int bytes = 0;
        for (int i = 0; i < BURST; i++) {
            bytes += take();
        }
        return bytes;
    }

    private void send() throws KnetException {
        message.position(0);
        pair.sender.send(message);
    }

    /** @throws IllegalStateException if a message is lost: the figure would otherwise be meaningless */
    private int take() throws KnetException, InterruptedException {
        rx.clear();
        int n = pair.receiver.receive(rx, WAIT);
        if (n != Payloads.PACKET) {
            throw new IllegalStateException("expected a " + Payloads.PACKET + "-byte message, got " + n);
        }
        return n;
    }
}
