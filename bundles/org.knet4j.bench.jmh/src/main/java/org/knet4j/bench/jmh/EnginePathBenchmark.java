package org.knet4j.bench.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.KnetException;
import org.knet4j.core.internal.KnetImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's own send and receive path, without a socket: as {@link LoopbackBenchmark} (host 1's channel, its
 * filter, send path and fragmentation; host 2's receive path, filter, dedup, reassembly and channel queue), over
 * the {@link InlineTransport}, which hands each datagram straight to the other handle on the sending thread. Its
 * {@code gc.alloc.rate.norm} is the bytes knet4j itself allocates per message in the steady state; the gap to
 * {@code LoopbackBenchmark}'s is the UDP transport's (Netty's datagram objects).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnginePathBenchmark {
    private static final int BURST = 64;
    private static final Duration WAIT = Duration.ofSeconds(2);

    /** 64 and 1400 bytes are one datagram; 65000 is 45 fragments at the default data MTU. */
    @Param({"64", "1400", "65000"})
    public int size;

    private ByteBuffer message;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(65536);
    private InlineTransport transport;
    private LinkedPair pair;

    @Setup(Level.Trial)
    public void link() throws KnetException, IOException, InterruptedException {
        message = Payloads.random(size, 17);
        transport = new InlineTransport();
        KnetImpl knet = new KnetImpl();
        knet.plugins().addTransport(transport);
        pair = new LinkedPair(knet);
        pair.awaitFlowing(message, rx);
    }

    @TearDown(Level.Trial)
    public void unlink() {
        pair.close();
        transport.shutdown();
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int burstOf64() throws KnetException, InterruptedException {
        for (int i = 0; i < BURST; i++) {
            message.position(0);
            pair.sender.send(message);
        }
        int bytes = 0;
        for (int i = 0; i < BURST; i++) {
            rx.clear();
            int n = pair.receiver.receive(rx, WAIT);
            if (n != size) {
                throw new IllegalStateException("expected a " + size + "-byte message, got " + n);
            }
            bytes += n;
        }
        return bytes;
    }
}
