package org.knet4j.crypto.bouncycastle.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.crypto.MultiBlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.knet4j.crypto.bouncycastle.internal.Algorithms.CipherKind;
import org.knet4j.crypto.bouncycastle.internal.Algorithms.HashKind;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * One crypto slot's engine. Wire form (WIRE.md §7), identical to libknet 1.25's openssl and nss models:
 * <pre>
 *   with a cipher:  salt(16) ‖ AES-CBC-PKCS#7(key[0..16|24|32), iv = salt, packet) ‖ HMAC(key, salt ‖ ciphertext)
 *   without:        packet ‖ HMAC(key, packet)
 * </pre>
 *
 * <h2>How it avoids locks and allocation per packet</h2>
 * BouncyCastle's lightweight classes work on {@code byte[]}: a working state (two AES engines, an {@link HMac},
 * scratch arrays) comes from a lock-free {@link StatePool}, the datagram is copied into its scratch array once,
 * and CBC chaining and PKCS#7 padding are done here around the AES block engine, so a packet needs no cipher
 * re-initialisation (which in BouncyCastle allocates parameter objects). {@code HMac} returns to its keyed state
 * after each {@code doFinal} by copying saved digest states, without allocating.
 *
 * <p>Salt: each state holds a 128-bit nonce (random start, incremented per packet) and the salt is its AES
 * encryption under the packet key, the unpredictable-IV construction of NIST SP 800-38A, appendix C:
 * indistinguishable from random bytes to anyone without the key, and one AES block instead of a random generator
 * call per packet.
 *
 * <p>Thread-safe, and {@link #close()} is safe while other threads still use the engine: they finish correctly,
 * and later calls keep working (without pooling), because the engine can be replaced under a packet in flight.
 */
final class BouncyCastleCryptoEngine implements CryptoEngine {
    static final int SALT = 16;
    static final int BLOCK = 16;
    private static final int INITIAL_SCRATCH = 2048;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final CipherKind cipher;
    private final HashKind hash;
    private final byte[] cipherKey;
    private final byte[] macKey;
    private final SecureRandom seeds = new SecureRandom();
    private final StatePool<State> pool = new StatePool<>(StatePool.defaultCapacity());
    private volatile boolean closed;

    /** @param cipher null for none; {@code hash} is never null (the provider refuses a configuration without) */
    BouncyCastleCryptoEngine(CipherKind cipher, HashKind hash, byte[] key) {
        this.cipher = cipher;
        this.hash = hash;
        this.cipherKey = cipher == null ? null : Arrays.copyOf(key, cipher.keyBytes);
        this.macKey = key.clone();
        pool.offer(newState());
    }

    @Override
    public int saltSize() {
        return cipher == null ? 0 : SALT;
    }

    @Override
    public int hashSize() {
        return hash.size;
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
            int body = len - hash.size;
            // libknet refuses an empty body; with a cipher, at least the salt and one block, whole blocks only
            if (cipher == null ? body <= 0 : body < SALT + BLOCK || body % BLOCK != 0) {
                return -1;
            }
            State s = acquire();
            int n = open(s, wire, len, body, plainOut);
            release(s); // only after a clean run: a state that threw may be half-way through an operation
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Test hook: {@link #encrypt} with a chosen salt instead of a fresh one (known-answer tests). */
    int encryptWithSalt(ByteBuffer plain, ByteBuffer out, byte[] salt) {
        return seal(plain, out, salt.clone());
    }

    /** Test hook: how many working states are pooled. */
    int pooledStates() {
        return pool.size();
    }

    private int seal(ByteBuffer plain, ByteBuffer out, byte[] salt) {
        try {
            int len = plain.remaining();
            int body = cipher == null ? len : SALT + (len / BLOCK + 1) * BLOCK; // PKCS#7 pads 1..16 bytes
            int total = body + hash.size;
            if (out.remaining() < total) {
                return -1;
            }
            State s = acquire();
            s.ensure(total);
            byte[] in = s.in;
            byte[] wire;
            if (cipher != null) {
                wire = s.out;
                if (salt == null) {
                    s.nextNonce(in);
                    s.enc.processBlock(in, 0, wire, 0); // salt = E(nonce)
                } else {
                    System.arraycopy(salt, 0, wire, 0, SALT);
                }
                plain.get(plain.position(), in, SALT, len);
                Arrays.fill(in, SALT + len, body, (byte) (body - SALT - len));
                for (int i = SALT; i < body; i += BLOCK) { // CBC: C[i] = E(P[i] ^ C[i-1]), C[0] = salt
                    xor(in, i, wire, i - BLOCK, in, i, BLOCK);
                    s.enc.processBlock(in, i, wire, i);
                }
            } else {
                plain.get(plain.position(), in, 0, len);
                wire = in;
            }
            s.hmac.update(wire, 0, body);
            s.hmac.doFinal(wire, body);
            out.put(wire, 0, total);
            plain.position(plain.limit());
            release(s);
            return total;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private int open(State s, ByteBuffer wire, int len, int body, ByteBuffer plainOut) {
        s.ensure(len);
        byte[] in = s.in;
        wire.get(wire.position(), in, 0, len);
        s.hmac.update(in, 0, body);
        s.hmac.doFinal(s.mac, 0);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(hash.size, s.mac, 0, in, body)) {
            return -1;
        }
        byte[] src = in;
        int n = body;
        if (cipher != null) {
            src = s.out;
            int data = body - SALT;
            s.dec.processBlocks(in, SALT, data / BLOCK, src, 0); // D(C[1..n])
            xor(src, 0, in, 0, src, 0, data);                   // ^ C[0..n-1], C[0] = salt
            n = unpad(src, data);
            if (n < 0) {
                return -1;
            }
        }
        if (plainOut.remaining() < n) {
            return -1;
        }
        plainOut.put(src, 0, n);
        wire.position(wire.limit());
        return n;
    }

    /** dst[d, d+len) = a[ai, ai+len) ^ b[bi, bi+len); len is a multiple of 8. */
    private static void xor(byte[] a, int ai, byte[] b, int bi, byte[] dst, int d, int len) {
        for (int i = 0; i < len; i += 8) {
            LONGS.set(dst, d + i, (long) LONGS.get(a, ai + i) ^ (long) LONGS.get(b, bi + i));
        }
    }

    /** PKCS#7: the last byte p is 1..16 and the last p bytes all equal p. Returns the data length, or -1. */
    private static int unpad(byte[] b, int end) {
        int p = b[end - 1] & 0xff;
        if (p < 1 || p > BLOCK) {
            return -1;
        }
        for (int i = end - p; i < end - 1; i++) {
            if ((b[i] & 0xff) != p) {
                return -1;
            }
        }
        return end - p;
    }

    private State acquire() {
        State s = pool.poll();
        return s != null ? s : newState();
    }

    private void release(State s) {
        if (!closed) {
            pool.offer(s);
        }
    }

    private State newState() {
        MultiBlockCipher enc = null;
        MultiBlockCipher dec = null;
        if (cipher != null) {
            enc = AESEngine.newInstance();
            enc.init(true, new KeyParameter(cipherKey));
            dec = AESEngine.newInstance();
            dec.init(false, new KeyParameter(cipherKey));
        }
        HMac hmac = new HMac(hash.newDigest());
        hmac.init(new KeyParameter(macKey));
        return new State(enc, dec, hmac, hash.size, seeds.nextLong(), seeds.nextLong());
    }

    /** Drops the pooled states. Calls racing with (or following) close still complete correctly. */
    @Override
    public void close() {
        closed = true;
        pool.clear();
    }

    @Override
    public String toString() {
        return "CryptoEngine[bouncycastle "
                + (cipher == null ? "none" : cipher.name().toLowerCase(Locale.ROOT)) + "/"
                + hash.name().toLowerCase(Locale.ROOT) + "]";
    }

    /** One thread's working set for one packet at a time. */
    private static final class State {
        final MultiBlockCipher enc;
        final MultiBlockCipher dec;
        final HMac hmac;
        final byte[] mac;
        byte[] in = new byte[INITIAL_SCRATCH];
        byte[] out = new byte[INITIAL_SCRATCH];
        long nonceHi;
        long nonceLo;

        State(MultiBlockCipher enc, MultiBlockCipher dec, HMac hmac, int hashSize, long nonceHi, long nonceLo) {
            this.enc = enc;
            this.dec = dec;
            this.hmac = hmac;
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
