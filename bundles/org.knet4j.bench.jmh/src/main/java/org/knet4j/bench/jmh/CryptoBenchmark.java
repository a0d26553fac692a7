package org.knet4j.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.KnetException;
import org.knet4j.crypto.bouncycastle.internal.BouncyCastleCryptoProvider;
import org.knet4j.crypto.jce.internal.JceCryptoProvider;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * aes256 + sha256 (libknet's wire format: salt, CBC ciphertext, HMAC) of one 1400-byte packet through each of our
 * crypto plugins, direct buffers in and out as on the engine's send and receive paths.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CryptoBenchmark {
    @Param({"jce", "bouncycastle"})
    public String model;

    private final ByteBuffer plain = Payloads.random(Payloads.PACKET, 11);
    private final ByteBuffer out = ByteBuffer.allocateDirect(Payloads.PACKET + 1024);
    private final ByteBuffer wire = ByteBuffer.allocateDirect(Payloads.PACKET + 1024);
    private final ByteBuffer plainOut = ByteBuffer.allocateDirect(Payloads.PACKET + 1024);
    private CryptoEngine engine;

    @Setup
    public void createEngine() throws KnetException {
        CryptoProvider provider = switch (model) {
            case "jce" -> new JceCryptoProvider();
            case "bouncycastle" -> new BouncyCastleCryptoProvider();
            default -> throw new IllegalArgumentException("crypto model: " + model);
        };
        engine = provider.create("aes256", "sha256", Payloads.key());
        int n = engine.encrypt(plain.duplicate(), wire);
        if (n < 0) {
            throw new IllegalStateException(model + " could not encrypt the benchmark packet");
        }
        wire.flip();
    }

    @TearDown
    public void closeEngine() {
        engine.close();
    }

    @Benchmark
    public int encrypt() {
        out.clear();
        plain.position(0);
        return engine.encrypt(plain, out);
    }

    @Benchmark
    public int decrypt() {
        plainOut.clear();
        wire.position(0);
        int n = engine.decrypt(wire, plainOut);
        if (n != Payloads.PACKET) {
            throw new IllegalStateException(model + " decrypted " + n + " bytes");
        }
        return n;
    }
}
