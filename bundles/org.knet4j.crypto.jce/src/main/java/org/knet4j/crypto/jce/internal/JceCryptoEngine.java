package org.knet4j.crypto.jce.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.knet4j.crypto.jce.internal.Algorithms.CipherKind;
import org.knet4j.crypto.jce.internal.Algorithms.HashKind;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * One crypto slot's engine. Wire form (WIRE.md §7), identical to libknet 1.25's openssl and nss models:
 * <pre>
 *   with a cipher:  salt(16) ‖ AES-CBC-PKCS#7(key[0..16|24|32), iv = salt, packet) ‖ HMAC(key, salt ‖ ciphertext)
 *   without:        packet ‖ HMAC(key, packet)
 * </pre>
 *
 * <h2>How it avoids locks and allocation per packet</h2>
 * Working states (two {@link Cipher}s, a {@link MessageDigest}, scratch arrays) come from a lock-free
 * {@link StatePool}. Everything runs on heap arrays: the JDK's {@code Cipher.doFinal(ByteBuffer, ByteBuffer)}
 * copies direct buffers through a fresh temporary array on every call, and {@code javax.crypto.Mac.doFinal}
 * allocates its result, so the engine copies the datagram into the state's scratch array once (a memcpy) and does
 * HMAC itself over {@code MessageDigest} (RFC 2104: inner and outer pads precomputed per engine).
 *
 * <p>The ciphers are initialised once, with an all-zero IV, and never re-keyed: a CBC pass with a zero IV over
 * {@code X ‖ packet ‖ padding} outputs {@code E(X)} as its first block and then exactly the CBC encryption of the
 * packet with IV {@code E(X)}. So {@code E(X)} is the salt. {@code X} is a per-state 128-bit nonce (random start,
 * incremented per packet), which makes the salt the AES encryption of a nonce under the packet key: the
 * unpredictable-IV construction of NIST SP 800-38A, appendix C, and indistinguishable from random bytes to anyone
 * without the key. Decryption likewise runs over {@code salt ‖ ciphertext} and drops the first (meaningless)
 * block. The cost is one extra AES block per packet instead of a cipher re-initialisation, which in the JDK would
 * allocate.
 *
 * <p>Thread-safe, and {@link #close()} is safe while other threads still use the engine: they finish correctly,
 * and later calls keep working (without pooling), because the engine can be replaced under a packet in flight.
 */
final class JceCryptoEngine implements CryptoEngine {
    static final int SALT = 16;
    static final int BLOCK = 16;
    private static final int INITIAL_SCRATCH = 2048;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final CipherKind cipher;
    private final HashKind hash;
    private final SecretKeySpec cipherKey;
    private final byte[] ipad;
    private final byte[] opad;
    private final SecureRandom seeds = new SecureRandom();
    private final StatePool<State> pool = new StatePool<>(StatePool.defaultCapacity());
    private volatile boolean closed;

    /** @param cipher null for none; {@code hash} is never null (the provider refuses a configuration without) */
    JceCryptoEngine(CipherKind cipher, HashKind hash, byte[] key) throws GeneralSecurityException {
        this.cipher = cipher;
        this.hash = hash;
        this.cipherKey = cipher == null ? null : new SecretKeySpec(key, 0, cipher.keyBytes, "AES");
        // RFC 2104: a key longer than the hash's block is hashed first; then both pads are one block long
        byte[] k = key.length > hash.blockBytes ? MessageDigest.getInstance(hash.digest).digest(key) : key;
        this.ipad = new byte[hash.blockBytes];
        this.opad = new byte[hash.blockBytes];
        for (int i = 0; i < hash.blockBytes; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        pool.offer(newState()); // fails here, not on the first packet, if the JDK lacks an algorithm
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
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    /** Test hook: {@link #encrypt} with a chosen salt instead of a fresh one (known-answer tests). */
    int encryptWithSalt(ByteBuffer plain, ByteBuffer out, byte[] salt) throws GeneralSecurityException {
        if (cipher == null) {
            return seal(plain, out, null);
        }
        // the zero-IV pass outputs E(X) as the salt, so X = D(salt)
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.DECRYPT_MODE, cipherKey);
        return seal(plain, out, ecb.doFinal(salt));
    }

    /** Test hook: how many working states are pooled. */
    int pooledStates() {
        return pool.size();
    }

    private int seal(ByteBuffer plain, ByteBuffer out, byte[] firstBlock) {
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
                if (firstBlock == null) {
                    s.nextNonce(in);
                } else {
                    System.arraycopy(firstBlock, 0, in, 0, SALT);
                }
                plain.get(plain.position(), in, SALT, len);
                Arrays.fill(in, SALT + len, body, (byte) (body - SALT - len));
                wire = s.out;
                s.enc.doFinal(in, 0, body, wire, 0);
            } else {
                plain.get(plain.position(), in, 0, len);
                wire = in;
            }
            hmac(s, wire, 0, body, wire, body);
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
        hmac(s, in, 0, body, s.mac, 0);
        System.arraycopy(in, body, s.received, 0, hash.size);
        if (!MessageDigest.isEqual(s.mac, s.received)) {
            return -1;
        }
        byte[] src = in;
        int from = 0;
        int n = body;
        if (cipher != null) {
            src = s.out;
            from = SALT;
            s.dec.doFinal(in, 0, body, src, 0); // block 0 is the salt under a zero IV: noise, skipped
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

    /** HMAC(key, data[off, off+len)) into dst at dstOff, with no allocation. */
    private void hmac(State s, byte[] data, int off, int len, byte[] dst, int dstOff) throws DigestException {
        MessageDigest md = s.md;
        md.update(ipad);
        md.update(data, off, len);
        md.digest(s.inner, 0, hash.size);
        md.update(opad);
        md.update(s.inner, 0, hash.size);
        md.digest(dst, dstOff, hash.size);
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
        Cipher enc = null;
        Cipher dec = null;
        if (cipher != null) {
            IvParameterSpec zero = new IvParameterSpec(new byte[BLOCK]);
            enc = Cipher.getInstance("AES/CBC/NoPadding");
            enc.init(Cipher.ENCRYPT_MODE, cipherKey, zero);
            dec = Cipher.getInstance("AES/CBC/NoPadding");
            dec.init(Cipher.DECRYPT_MODE, cipherKey, zero);
        }
        return new State(enc, dec, MessageDigest.getInstance(hash.digest), hash.size, seeds.nextLong(),
                seeds.nextLong());
    }

    /** Drops the pooled states. Calls racing with (or following) close still complete correctly. */
    @Override
    public void close() {
        closed = true;
        pool.clear();
    }

    @Override
    public String toString() {
        return "CryptoEngine[jce " + (cipher == null ? "none" : cipher.name().toLowerCase(Locale.ROOT))
                + "/" + hash.name().toLowerCase(Locale.ROOT) + "]";
    }

    /** One thread's working set for one packet at a time. */
    private static final class State {
        final Cipher enc;
        final Cipher dec;
        final MessageDigest md;
        final byte[] inner;
        final byte[] mac;
        final byte[] received;
        byte[] in = new byte[INITIAL_SCRATCH];
        byte[] out = new byte[INITIAL_SCRATCH];
        long nonceHi;
        long nonceLo;

        State(Cipher enc, Cipher dec, MessageDigest md, int hashSize, long nonceHi, long nonceLo) {
            this.enc = enc;
            this.dec = dec;
            this.md = md;
            this.inner = new byte[hashSize];
            this.mac = new byte[hashSize];
            this.received = new byte[hashSize];
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
