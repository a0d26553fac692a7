package org.knet4j.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.compress.lz4.internal.Lz4Compressor;
import org.knet4j.compress.zstd.internal.ZstdCompressor;
import org.knet4j.spi.compress.Compressor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One compressible 1400-byte message through a compression plugin at its default level, direct buffers in and out
 * as on the engine's paths.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompressBenchmark {
    @Param({"lz4", "zstd"})
    public String model;

    private final ByteBuffer src = Payloads.runs(Payloads.PACKET);
    private final ByteBuffer out = ByteBuffer.allocateDirect(Payloads.PACKET * 2);
    private final ByteBuffer compressed = ByteBuffer.allocateDirect(Payloads.PACKET * 2);
    private final ByteBuffer restored = ByteBuffer.allocateDirect(Payloads.PACKET * 2);
    private Compressor compressor;
    private int level;

    @Setup
    public void compressOnce() {
        compressor = switch (model) {
            case "lz4" -> new Lz4Compressor();
            case "zstd" -> new ZstdCompressor();
            default -> throw new IllegalArgumentException("compression model: " + model);
        };
        level = compressor.defaultLevel();
        int n = compressor.compress(src.duplicate(), compressed, level);
        if (n <= 0 || n >= Payloads.PACKET) {
            throw new IllegalStateException(model + " did not shrink the benchmark message: " + n);
        }
        compressed.flip();
    }

    @Benchmark
    public int compress() {
        out.clear();
        src.position(0);
        return compressor.compress(src, out, level);
    }

    @Benchmark
    public int decompress() {
        restored.clear();
        compressed.position(0);
        int n = compressor.decompress(compressed, restored);
        if (n != Payloads.PACKET) {
            throw new IllegalStateException(model + " restored " + n + " bytes");
        }
        return n;
    }
}
