package org.knet4j.spi.crypto.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * One crypto slot's engine, in libknet 1.25's openssl/nss wire form (WIRE.md §7):
 * <pre>
 *   with a cipher:  salt(16) ‖ AES-CBC-PKCS#7(key[0..16|24|32), iv = salt, packet) ‖ HMAC(key, salt ‖ ciphertext)
 *   without:        packet ‖ HMAC(key, packet)
 * </pre>
 *
 * <h2>Salt</h2>
 * Each working state holds a 128-bit nonce (random start, incremented per packet). One zero-IV CBC pass over
 * {@code nonce ‖ packet ‖ padding} outputs E(nonce) as its first block and then exactly the CBC encryption of the
 * packet under IV = E(nonce): so E(nonce) is the salt. That is the unpredictable-IV construction of NIST SP
 * 800-38A, appendix C (indistinguishable from random bytes without the key), at the cost of one AES block instead
 * of a random-generator call and a cipher re-initialisation per packet, either of which would allocate.
 *
 * <h2>No lock, no allocation per packet</h2>
 * Working states (the plugin's {@link PacketPrimitives} plus scratch arrays) come from a lock-free
 * {@link StatePool}; the datagram is copied into the state's scratch array once and everything runs on heap
 * arrays, which every library's primitives take without temporary copies.
 *
 * <p>Thread-safe, and {@link #close()} is safe while other threads still use the engine: they finish correctly,
 * and later calls keep working (without pooling), because the engine can be replaced under a packet in flight.
 */
public final class LibknetCryptoEngine implements CryptoEngine {
    /** Salt (and CBC IV) length. */
    public static final int SALT = 16;
    /** AES block length. */
    public static final int BLOCK = 16;
    private static final int INITIAL_SCRATCH = 2048;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final String model;
    private final CipherKind cipher;
    private final HashKind hash;
    private final PrimitivesFactory primitives;
    private final SecureRandom seeds = new SecureRandom();
    private final StatePool<State> pool = new StatePool<>(StatePool.defaultCapacity());
    private volatile boolean closed;

    /**
     * @param model  the provider's model name (for {@link #toString()})
     * @param cipher null for none; {@code hash} is never null (a configuration without a hash has no engine)
     * @throws GeneralSecurityException here rather than on the first packet if the library lacks an algorithm
     */
    public LibknetCryptoEngine(String model, CipherKind cipher, HashKind hash, PrimitivesFactory primitives)
            throws GeneralSecurityException {
        if (hash == null) {
            throw new IllegalArgumentException("an engine needs a hash");
        }
        this.model = model;
        this.cipher = cipher;
        this.hash = hash;
        this.primitives = primitives;
        pool.offer(newState());
    }

    @Override
    public int saltSize() {
        return cipher == null ? 0 : SALT;
    }

    @Override
    public int hashSize() {
        return hash.size();
    }

    @Override
    public int blockSize() {
        return cipher == null ? 0 : BLOCK;
    }

    /**
     * Writes the wire form of {@code plain} (position to limit) at {@code out}'s position. On success both
     * buffers' positions advance (plain to its limit); on failure (-1: {@code out} too small) neither moves.
     */
    @Override
    public int encrypt(ByteBuffer plain, ByteBuffer out) {
        return seal(plain, out, null);
    }

    /**
     * Verifies and decrypts {@code wire} (position to limit) into {@code plainOut} at its position. On success both
     * positions advance; on failure (-1) neither moves. Never throws.
     */
    @Override
    public int decrypt(ByteBuffer wire, ByteBuffer plainOut) {
        try {
            int len = wire.remaining();
            int body = len - hash.size();
            // libknet refuses an empty body; with a cipher, at least the salt and one block, whole blocks only
            if (cipher == null ? body <= 0 : body < SALT + BLOCK || body % BLOCK != 0) {
                return -1;
            }
            State s = acquire();
            int n = open(s, wire, len, body, plainOut);
            release(s); // only after a clean run: a state that threw may be half-way through an operation
            return n;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {@link #encrypt} with a caller-chosen salt instead of a fresh one: for known-answer tests against other
     * implementations only. Never use it for traffic: a repeated salt shows which packets start alike.
     */
    public int encryptWithSalt(ByteBuffer plain, ByteBuffer out, byte[] salt) {
        if (cipher != null && (salt == null || salt.length != SALT)) {
            throw new IllegalArgumentException("a salt is " + SALT + " bytes");
        }
        return seal(plain, out, cipher == null ? null : salt.clone());
    }

    /** How many working states are pooled right now (for tests). */
    public int pooledStates() {
        return pool.size();
    }

    private int seal(ByteBuffer plain, ByteBuffer out, byte[] salt) {
        try {
            int len = plain.remaining();
            int body = cipher == null ? len : SALT + (len / BLOCK + 1) * BLOCK; // PKCS#7 pads 1..16 bytes
            int total = body + hash.size();
            if (out.remaining() < total) {
                return -1;
            }
            State s = acquire();
            s.ensure(total);
            byte[] in = s.in;
            byte[] wire = in;
            if (cipher != null) {
                wire = s.out;
                plain.get(plain.position(), in, SALT, len);
                Arrays.fill(in, SALT + len, body, (byte) (body - SALT - len));
                if (salt == null) {
                    s.nextNonce(in);
                    s.primitives.encryptCbc(in, 0, body, wire, 0);
                } else {
                    // CBC under IV = salt equals zero-IV CBC with the salt folded into the first plaintext block
                    xor(in, SALT, salt, 0, in, SALT, BLOCK);
                    s.primitives.encryptCbc(in, SALT, body - SALT, wire, SALT);
                    System.arraycopy(salt, 0, wire, 0, SALT);
                }
            } else {
                plain.get(plain.position(), in, 0, len);
            }
            s.primitives.hmac(wire, 0, body, wire, body);
            out.put(wire, 0, total);
            plain.position(plain.limit());
            release(s);
            return total;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    private int open(State s, ByteBuffer wire, int len, int body, ByteBuffer plainOut)
            throws GeneralSecurityException {
        s.ensure(len);
        byte[] in = s.in;
        wire.get(wire.position(), in, 0, len);
        s.primitives.hmac(in, 0, body, s.mac, 0);
        if (!constantTimeEquals(s.mac, in, body, hash.size())) {
            return -1;
        }
        byte[] src = in;
        int from = 0;
        int n = body;
        if (cipher != null) {
            src = s.out;
            from = SALT;
            s.primitives.decryptCbc(in, 0, body, src, 0);
            n = unpad(src, SALT, body);
            if (n < 0) {
                return -1;
            }
        }
        if (plainOut.remaining() < n) {
            return -1;
        }
        plainOut.put(src, from, n);
        wire.position(wire.limit());
        return n;
    }

    /** Compares without an early exit, so the time taken says nothing about where a forged HMAC goes wrong. */
    private static boolean constantTimeEquals(byte[] mac, byte[] b, int off, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= mac[i] ^ b[off + i];
        }
        return diff == 0;
    }

    /** PKCS#7: the last byte p is 1..16 and the last p bytes all equal p. Returns the data length, or -1. */
    private static int unpad(byte[] b, int from, int end) {
        int p = b[end - 1] & 0xff;
        if (p < 1 || p > BLOCK) {
            return -1;
        }
        for (int i = end - p; i < end - 1; i++) {
            if ((b[i] & 0xff) != p) {
                return -1;
            }
        }
        return end - p - from;
    }

    /** dst[d, d+len) = a[ai, ai+len) ^ b[bi, bi+len); len is a multiple of 8. */
    private static void xor(byte[] a, int ai, byte[] b, int bi, byte[] dst, int d, int len) {
        for (int i = 0; i < len; i += 8) {
            LONGS.set(dst, d + i, (long) LONGS.get(a, ai + i) ^ (long) LONGS.get(b, bi + i));
        }
    }

    private State acquire() throws GeneralSecurityException {
        State s = pool.poll();
        return s != null ? s : newState();
    }

    private void release(State s) {
        if (!closed) {
            pool.offer(s);
        }
    }

    private State newState() throws GeneralSecurityException {
        return new State(primitives.newPrimitives(), hash.size(), seeds.nextLong(), seeds.nextLong());
    }

    /** Drops the pooled states. Calls racing with (or following) close still complete correctly. */
    @Override
    public void close() {
        closed = true;
        pool.clear();
    }

    @Override
    public String toString() {
        return "CryptoEngine[" + model + " " + (cipher == null ? "none" : cipher.name().toLowerCase(Locale.ROOT))
                + "/" + hash.name().toLowerCase(Locale.ROOT) + "]";
    }

    /** One thread's working set for one packet at a time. */
    private static final class State {
        final PacketPrimitives primitives;
        final byte[] mac;
        byte[] in = new byte[INITIAL_SCRATCH];
        byte[] out = new byte[INITIAL_SCRATCH];
        long nonceHi;
        long nonceLo;

        State(PacketPrimitives primitives, int hashSize, long nonceHi, long nonceLo) {
            this.primitives = primitives;
            this.mac = new byte[hashSize];
            this.nonceHi = nonceHi;
            this.nonceLo = nonceLo;
        }

        /** Grow the scratch arrays (rarely: only for a datagram bigger than any before). */
        void ensure(int bytes) {
            if (in.length < bytes) {
                int size = (bytes + 4095) & ~4095;
                in = new byte[size];
                out = new byte[size];
            }
        }

        /** The next 128-bit nonce into b[0, 16). */
        void nextNonce(byte[] b) {
            LONGS.set(b, 0, nonceHi);
            LONGS.set(b, 8, nonceLo);
            if (++nonceLo == 0) {
                nonceHi++;
            }
        }
    }
}
