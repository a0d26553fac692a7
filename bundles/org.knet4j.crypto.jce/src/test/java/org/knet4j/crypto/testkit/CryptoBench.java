package org.knet4j.crypto.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;

/**
 * A quick benchmark (no JMH): datagrams sealed and opened per second by each crypto provider on the class path,
 * the way the engine calls them (direct buffers in and out, one engine shared by all threads). Not a unit test.
 *
 * <pre>
 *   java -cp &lt;test class path&gt; org.knet4j.crypto.testkit.CryptoBench [size [cipher [hash [seconds]]]]
 * </pre>
 * Defaults: 1400 bytes, aes256, sha256, 3 s per measurement. For each provider it prints encrypt-only,
 * decrypt-only and encrypt+decrypt rates on one thread, then encrypt+decrypt on every core.
 */
public final class CryptoBench {
    private CryptoBench() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
        String cipher = args.length > 1 ? args[1] : "aes256";
        String hash = args.length > 2 ? args[2] : "sha256";
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("knet4j crypto bench: %s/%s, %d-byte packets, %d cores, %s %s%n", cipher, hash, size, cores,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        byte[] key = Reference.key(200, 7, 3);
        for (CryptoProvider p : ServiceLoader.load(CryptoProvider.class)) {
            try (CryptoEngine e = p.create(cipher, hash, key)) {
                run(e, size, 1, Mode.PAIR, 2); // warm-up: class loading and JIT
                double enc = run(e, size, 1, Mode.ENCRYPT, seconds);
                double dec = run(e, size, 1, Mode.DECRYPT, seconds);
                double pair = run(e, size, 1, Mode.PAIR, seconds);
                double all = run(e, size, cores, Mode.PAIR, seconds);
                System.out.printf("%-13s 1 thread: encrypt %,9.0f/s  decrypt %,9.0f/s  encrypt+decrypt %,9.0f/s "
                        + "(%.2f us, %.0f MB/s each way) | %d threads: encrypt+decrypt %,9.0f/s%n", p.model(), enc, dec,
                        pair, 1e6 / pair, pair * size / 1e6, cores, all);
            }
        }
    }

    enum Mode { ENCRYPT, DECRYPT, PAIR }

    /** Operations per second over {@code seconds}, summed over {@code threads} threads sharing the engine. */
    static double run(CryptoEngine e, int size, int threads, Mode mode, double seconds) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong ops = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> all = new ArrayList<>();
        long[] elapsed = new long[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                ByteBuffer plain = Reference.direct(Reference.pattern(size, id));
                ByteBuffer wire = ByteBuffer.allocateDirect(size + e.maxOverhead());
                ByteBuffer out = ByteBuffer.allocateDirect(size);
                e.encrypt(plain, wire);
                wire.flip();
                try {
                    start.await();
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                long t0 = System.nanoTime();
                long n = 0;
                while ((n & 255) != 0 || System.nanoTime() < until) {
                    if (mode != Mode.DECRYPT) {
                        plain.rewind();
                        wire.clear();
                        e.encrypt(plain, wire);
                        wire.flip();
                    }
                    if (mode != Mode.ENCRYPT) {
                        wire.rewind();
                        out.clear();
                        if (e.decrypt(wire, out) != size) {
                            throw new IllegalStateException("round trip failed");
                        }
                    }
                    n++;
                }
                elapsed[id] = System.nanoTime() - t0;
                ops.addAndGet(n);
            }, "bench-" + t);
            th.start();
            all.add(th);
        }
        start.await();
        for (Thread th : all) {
            th.join();
        }
        return ops.get() / (Arrays.stream(elapsed).max().orElse(1) / 1e9);
    }
}
