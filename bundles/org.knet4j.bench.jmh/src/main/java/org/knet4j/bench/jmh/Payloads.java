package org.knet4j.bench.jmh;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** The bytes the benchmarks feed in: fixed seeds, so that every run measures the same input. */
final class Payloads {
    /** The message size of the per-packet benchmarks: what fits one packet on an Ethernet link. */
    static final int PACKET = 1400;
    /** The large message of the fragmenting benchmarks, the compare script's 65000 B row. */
    static final int LARGE = 65000;
    /**
     * Data MTU of the fragmenting benchmarks: a 1500-byte link minus IPv4 and UDP (28) and the DATA header (14), no
     * crypto. 65000 B are then 45 fragments.
     */
    static final int DATA_MTU = 1458;

    private Payloads() {
    }

    /** Incompressible bytes (what encrypted or already-compressed traffic looks like). */
    static ByteBuffer random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return direct(b);
    }

    /**
     * Compressible bytes in the spirit of the peer tool's "runs" pattern: runs of 16 equal bytes whose value walks
     * through 64 letters, so lz4 and zstd find matches without the input being trivial.
     */
    static ByteBuffer runs(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('0' + (i / 16 * 7) % 64);
        }
        return direct(b);
    }

    /** A key of the length the compare script uses (256 bytes), from a fixed seed. */
    static byte[] key() {
        byte[] k = new byte[256];
        new SplittableRandom(42).nextBytes(k);
        return k;
    }

    private static ByteBuffer direct(byte[] b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.length);
        d.put(b).flip();
        return d;
    }
}
