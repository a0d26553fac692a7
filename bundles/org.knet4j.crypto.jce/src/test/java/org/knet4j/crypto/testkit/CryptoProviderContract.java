package org.knet4j.crypto.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.knet4j.crypto.testkit.Reference.bytes;
import static org.knet4j.crypto.testkit.Reference.direct;
import static org.knet4j.crypto.testkit.Reference.hex;
import static org.knet4j.crypto.testkit.Reference.key;
import static org.knet4j.crypto.testkit.Reference.pattern;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;

/**
 * What every knet4j crypto provider must do (WIRE.md §7, API.md §3.3, the SPI's javadoc). A provider's test class
 * extends this and supplies the provider and its test-only hooks.
 */
public abstract class CryptoProviderContract {
    protected static final byte[] KEY = key(200, 7, 3);
    /** Every size 1..64 (all padding cases, several times), then the edges of common MTUs and of the largest packet. */
    private static final int[] SIZES = IntStream.concat(IntStream.rangeClosed(1, 64),
            IntStream.of(100, 127, 128, 129, 255, 256, 482, 1024, 1399, 1400, 1401, 1500, 4095, 4096, 8192, 9000,
                    16384, 32767, 65535, 65536, 65536 + 26)).toArray();

    /** The provider under test. */
    protected abstract CryptoProvider provider();

    /** {@link CryptoEngine#encrypt} with a chosen salt (the provider's package-private test hook). */
    protected abstract int encryptWithSalt(CryptoEngine engine, ByteBuffer plain, ByteBuffer out, byte[] salt)
            throws Exception;

    /** How many working states the engine has pooled (the provider's package-private test hook). */
    protected abstract int pooledStates(CryptoEngine engine);

    protected final CryptoEngine engine(String cipher, String hash) throws KnetException {
        return provider().create(cipher, hash, KEY);
    }

    static Stream<Arguments> combos() {
        return Reference.combos().stream().map(c -> Arguments.of(c[0], c[1]));
    }

    static Stream<Arguments> cipherCombos() {
        return Reference.combos().stream().filter(c -> !c[0].equals("none")).map(c -> Arguments.of(c[0], c[1]));
    }

    /** What libknet puts on the wire for a packet of {@code size} bytes. */
    protected static int wireLength(String cipher, String hash, int size) {
        int body = Reference.CIPHERS.get(cipher) == 0 ? size : 16 + (size / 16 + 1) * 16;
        return body + Reference.HASH_SIZES.get(hash);
    }

    // ------------------------------------------------------------------ identity

    @Test
    void servesLibknetsModelNames() {
        CryptoProvider p = provider();
        assertThat(p.model()).isNotBlank().isNotIn("openssl", "nss");
        assertThat(p.aliases()).containsExactly("openssl", "nss");
    }

    @Test
    void isFoundByServiceLoader() {
        List<String> models = new ArrayList<>();
        for (CryptoProvider p : ServiceLoader.load(CryptoProvider.class)) {
            models.add(p.model());
        }
        assertThat(models).contains(provider().model());
    }

    // ------------------------------------------------------------------ round trips and sizes

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void roundTripsEverySizeThroughDirectBuffers(String cipher, String hash) throws Exception {
        try (CryptoEngine e = engine(cipher, hash)) {
            ByteBuffer wire = ByteBuffer.allocateDirect(65536 + 26 + e.maxOverhead() + 3);
            ByteBuffer out = ByteBuffer.allocateDirect(65536 + 26 + 5);
            for (int size : SIZES) {
                byte[] plain = pattern(size, size);
                ByteBuffer in = direct(plain);
                wire.clear().position(3);
                int n = e.encrypt(in, wire);
                assertThat(n).as("wire length for %d bytes", size).isEqualTo(wireLength(cipher, hash, size));
                assertThat(n - size).isLessThanOrEqualTo(e.maxOverhead());
                assertThat(wire.position()).isEqualTo(3 + n);
                assertThat(in.hasRemaining()).isFalse();
                wire.flip().position(3);
                out.clear().position(5);
                assertThat(e.decrypt(wire, out)).as("decrypt %d bytes", size).isEqualTo(size);
                assertThat(out.position()).isEqualTo(5 + size);
                assertThat(wire.hasRemaining()).isFalse();
                out.flip().position(5);
                assertThat(bytes(out)).as("plaintext of %d bytes", size).isEqualTo(plain);
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void roundTripsThroughHeapAndReadOnlyBuffers(String cipher, String hash) throws Exception {
        try (CryptoEngine e = engine(cipher, hash)) {
            for (int size : new int[] {1, 16, 26, 1400, 65536}) {
                byte[] plain = pattern(size, 9);
                ByteBuffer wire = ByteBuffer.allocate(size + e.maxOverhead());
                int n = e.encrypt(ByteBuffer.wrap(plain).asReadOnlyBuffer(), wire);
                wire.flip();
                ByteBuffer out = ByteBuffer.allocate(size);
                assertThat(e.decrypt(wire.asReadOnlyBuffer(), out)).isEqualTo(size);
                assertThat(out.array()).isEqualTo(plain);
                assertThat(n).isEqualTo(wireLength(cipher, hash, size));
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void reportsLibknetsSizes(String cipher, String hash) throws Exception {
        try (CryptoEngine e = engine(cipher, hash)) {
            boolean aes = !cipher.equals("none");
            assertThat(e.saltSize()).isEqualTo(aes ? 16 : 0);
            assertThat(e.blockSize()).isEqualTo(aes ? 16 : 0);
            assertThat(e.hashSize()).isEqualTo(Reference.HASH_SIZES.get(hash));
            assertThat(e.maxOverhead()).isEqualTo(e.saltSize() + e.hashSize() + e.blockSize());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"128", "192", "256"})
    void opensslSpellingsAreTheSameCiphers(String bits) throws Exception {
        byte[] salt = pattern(16, 77);
        byte[] plain = pattern(300, 1);
        try (CryptoEngine knet = engine("aes" + bits, "sha256"); CryptoEngine ossl = engine("aes-" + bits + "-cbc",
                "sha256")) {
            ByteBuffer w1 = ByteBuffer.allocate(400);
            ByteBuffer w2 = ByteBuffer.allocate(400);
            encryptWithSalt(knet, ByteBuffer.wrap(plain), w1, salt);
            encryptWithSalt(ossl, ByteBuffer.wrap(plain), w2, salt);
            assertThat(bytes(w1.flip())).isEqualTo(bytes(w2.flip()));
            assertThat(ossl.decrypt(w1, ByteBuffer.allocate(300))).isEqualTo(300);
        }
    }

    @Test
    void keepsItsOwnCopyOfTheKey() throws Exception {
        byte[] k = KEY.clone();
        try (CryptoEngine e = provider().create("aes256", "sha256", k); CryptoEngine ref = engine("aes256", "sha256")) {
            Arrays.fill(k, (byte) 0);
            ByteBuffer wire = ByteBuffer.allocate(100);
            e.encrypt(ByteBuffer.wrap(pattern(40, 2)), wire);
            assertThat(ref.decrypt(wire.flip(), ByteBuffer.allocate(40))).isEqualTo(40);
        }
    }

    // ------------------------------------------------------------------ known answers

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void matchesAnIndependentJavaxCryptoComputation(String cipher, String hash) throws Exception {
        SecureRandom r = new SecureRandom();
        try (CryptoEngine e = engine(cipher, hash)) {
            for (int size : new int[] {1, 15, 16, 17, 26, 100, 1400, 9000}) {
                byte[] salt = new byte[16];
                r.nextBytes(salt);
                byte[] plain = new byte[size];
                r.nextBytes(plain);
                ByteBuffer wire = ByteBuffer.allocateDirect(size + e.maxOverhead());
                int n = encryptWithSalt(e, direct(plain), wire, salt);
                byte[] expected = Reference.wire(cipher, hash, KEY, salt, plain);
                assertThat(n).isEqualTo(expected.length);
                assertThat(bytes(wire.flip())).as("%s/%s, %d bytes", cipher, hash, size).isEqualTo(expected);
                ByteBuffer out = ByteBuffer.allocate(size);
                assertThat(e.decrypt(ByteBuffer.wrap(expected), out)).isEqualTo(size);
                assertThat(out.array()).isEqualTo(plain);
            }
        }
    }

    /**
     * Vectors from OpenSSL 3.0's libcrypto (the library behind libknet's openssl model): key byte i = 7i+3 (200
     * bytes), salt a0..af, plaintext "knet4j: libknet 1.25 crypto framing".
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("opensslVectors")
    void matchesOpensslVectors(String cipher, String hash, String wireHex) throws Exception {
        byte[] plain = "knet4j: libknet 1.25 crypto framing".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        try (CryptoEngine e = engine(cipher, hash)) {
            ByteBuffer wire = ByteBuffer.allocate(200);
            encryptWithSalt(e, ByteBuffer.wrap(plain), wire, salt);
            assertThat(bytes(wire.flip())).isEqualTo(hex(wireHex));
            ByteBuffer out = ByteBuffer.allocate(100);
            assertThat(e.decrypt(ByteBuffer.wrap(hex(wireHex)), out)).isEqualTo(plain.length);
        }
    }

    static Stream<Arguments> opensslVectors() {
        return Stream.of(
                Arguments.of("aes256", "sha256", "a0a1a2a3a4a5a6a7a8a9aaabacadaeaff96a8bed50b8fb1402a6532d4ebde5d40f40b"
                        + "fa1963dfce14b2c8fb0a64d6d0f806f350c067037180269e497f92713b6dfca2a83e3ade99afbce513129bceda5549"
                        + "77ed6a1c931a45e977e601abf3254"),
                Arguments.of("aes128", "md5", "a0a1a2a3a4a5a6a7a8a9aaabacadaeafd59bb6bd413b0950764398724ed21be800cade9"
                        + "316f12f78a540838a0d6b684344bfd00b7d9283d05d33ff519ecbd6d91afd35928360295a3ca039fd8d276c59"),
                Arguments.of("aes192", "sha384", "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb56613bd35c9527f929548ed8e2d695b444a6"
                        + "6918038c6e0062133254b254b4b81d1ab0eac2775811e7838e398cc0ec21fe992ca13cf5612e1129febb372b6e807"
                        + "e91364a0516bf46fa2047eb98db4fb9e3023c0ebe6c48c90b98b12d5b5ea89"),
                Arguments.of("none", "sha512", "6b6e6574346a3a206c69626b6e657420312e32352063727970746f206672616d696e"
                        + "67b2c83b50880ddeaa950e32b7c042012946b0d71d19f13f5d6029f8e9f62ef868ec148c96bd296ee5678ec98b93d"
                        + "3dba1bb11c071b8a8245e4e28c5fffe9b12ba"),
                Arguments.of("none", "sha1", "6b6e6574346a3a206c69626b6e657420312e32352063727970746f206672616d696e67"
                        + "70314c009b017977db97d1d1651a54985cd46f6c"));
    }

    @Test
    void everyPacketGetsAFreshSalt() throws Exception {
        try (CryptoEngine e = engine("aes256", "sha256")) {
            Set<ByteBuffer> salts = ConcurrentHashMap.newKeySet();
            Runnable work = () -> {
                ByteBuffer wire = ByteBuffer.allocate(100);
                for (int i = 0; i < 10_000; i++) {
                    wire.clear();
                    e.encrypt(ByteBuffer.wrap(new byte[26]), wire);
                    salts.add(ByteBuffer.wrap(Arrays.copyOf(wire.array(), 16)));
                }
            };
            Thread t = new Thread(work);
            t.start();
            work.run();
            t.join();
            assertThat(salts).hasSize(20_000);
        }
    }

    // ------------------------------------------------------------------ what must not decrypt

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void everySingleBitFlipIsRejected(String cipher, String hash) throws Exception {
        try (CryptoEngine e = engine(cipher, hash)) {
            assertEveryBitFlipRejected(e, 26); // a ping
        }
    }

    @Test
    void everySingleBitFlipIsRejectedInAFullSizePacket() throws Exception {
        try (CryptoEngine e = engine("aes256", "sha256")) {
            assertEveryBitFlipRejected(e, 1400);
        }
    }

    private static void assertEveryBitFlipRejected(CryptoEngine e, int size) {
        ByteBuffer wire = ByteBuffer.allocate(size + e.maxOverhead());
        int n = e.encrypt(ByteBuffer.wrap(pattern(size, 5)), wire);
        byte[] good = Arrays.copyOf(wire.array(), n);
        ByteBuffer in = ByteBuffer.allocateDirect(n);
        ByteBuffer out = ByteBuffer.allocateDirect(size + 64);
        int accepted = 0;
        for (int bit = 0; bit < n * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            in.clear();
            in.put(bad).flip();
            out.clear();
            if (e.decrypt(in, out) != -1 || out.position() != 0 || in.position() != 0) {
                accepted++;
            }
        }
        assertThat(accepted).as("flipped bits accepted (or buffers moved) out of %d", n * 8).isZero();
        in.clear();
        in.put(good).flip();
        assertThat(e.decrypt(in, out)).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void truncatedOrExtendedDatagramsAreRejected(String cipher, String hash) throws Exception {
        try (CryptoEngine e = engine(cipher, hash)) {
            ByteBuffer wire = ByteBuffer.allocate(200);
            int n = e.encrypt(ByteBuffer.wrap(pattern(100, 3)), wire);
            byte[] good = Arrays.copyOf(wire.array(), n);
            List<byte[]> bad = new ArrayList<>();
            for (int cut = 1; cut <= e.hashSize(); cut++) {
                bad.add(Arrays.copyOf(good, n - cut)); // HMAC truncated
            }
            bad.add(Arrays.copyOf(good, n + 1));
            bad.add(Arrays.copyOf(good, n + 16));
            bad.add(Arrays.copyOfRange(good, 1, n));
            bad.add(Arrays.copyOfRange(good, 16, n));
            bad.add(Arrays.copyOfRange(good, 0, e.hashSize()));
            bad.add(new byte[0]);
            bad.add(new byte[1]);
            bad.add(new byte[n]);
            for (byte[] b : bad) {
                ByteBuffer out = ByteBuffer.allocate(200);
                assertThat(e.decrypt(ByteBuffer.wrap(b), out)).as("%d bytes", b.length).isEqualTo(-1);
                assertThat(out.position()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void anotherKeyOrHashDoesNotAuthenticate(String cipher, String hash) throws Exception {
        byte[] firstByte = KEY.clone();
        firstByte[0] ^= 1; // cipher key and HMAC key differ
        byte[] lastByte = KEY.clone();
        lastByte[lastByte.length - 1] ^= 1; // only the HMAC key differs
        byte[] longer = Arrays.copyOf(KEY, KEY.length + 1); // same prefix, one more byte
        String otherHash = hash.equals("sha256") ? "sha512" : "sha256";
        try (CryptoEngine e = engine(cipher, hash)) {
            ByteBuffer wire = ByteBuffer.allocate(200);
            e.encrypt(ByteBuffer.wrap(pattern(100, 4)), wire);
            wire.flip();
            for (CryptoEngine other : List.of(provider().create(cipher, hash, firstByte),
                    provider().create(cipher, hash, lastByte), provider().create(cipher, hash, longer),
                    provider().create(cipher, otherHash, KEY))) {
                try (other) {
                    assertThat(other.decrypt(wire.duplicate(), ByteBuffer.allocate(200))).as("%s", other).isEqualTo(-1);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cipherCombos")
    void authenticatedButUndecryptableDatagramsAreRejected(String cipher, String hash) throws Exception {
        byte[] salt = pattern(16, 40);
        List<byte[]> bad = new ArrayList<>();
        for (int last : new int[] {0, 17, 0x80, 0xff}) { // pad byte outside 1..16
            byte[] blocks = pattern(32, 1);
            blocks[31] = (byte) last;
            bad.add(Reference.wireRawCbc(cipher, hash, KEY, salt, blocks));
        }
        byte[] inconsistent = pattern(32, 1);
        inconsistent[31] = 3;
        inconsistent[30] = 3;
        inconsistent[29] = 4; // "3" claims three pad bytes, one of them is not 3
        bad.add(Reference.wireRawCbc(cipher, hash, KEY, salt, inconsistent));
        // well authenticated, but the ciphertext is not whole blocks, or there is none
        bad.add(Reference.concat(Reference.concat(salt, new byte[15]),
                Reference.hmac(hash, KEY, Reference.concat(salt, new byte[15]))));
        bad.add(Reference.concat(salt, Reference.hmac(hash, KEY, salt)));
        bad.add(Reference.hmac(hash, KEY, new byte[0]));
        try (CryptoEngine e = engine(cipher, hash)) {
            for (byte[] b : bad) {
                ByteBuffer out = ByteBuffer.allocate(100);
                assertThat(e.decrypt(ByteBuffer.wrap(b), out)).isEqualTo(-1);
                assertThat(out.position()).isZero();
            }
            byte[] full = pattern(32, 1);
            Arrays.fill(full, 16, 32, (byte) 16); // a whole block of padding is fine
            assertThat(e.decrypt(ByteBuffer.wrap(Reference.wireRawCbc(cipher, hash, KEY, salt, full)),
                    ByteBuffer.allocate(100))).isEqualTo(16);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5", "sha1", "sha256", "sha384", "sha512"})
    void hashOnlyRefusesAnEmptyPacketAsLibknetDoes(String hash) throws Exception {
        try (CryptoEngine e = engine("none", hash)) {
            assertThat(e.decrypt(ByteBuffer.wrap(Reference.hmac(hash, KEY, new byte[0])), ByteBuffer.allocate(10)))
                    .isEqualTo(-1);
            byte[] one = {42};
            assertThat(e.decrypt(ByteBuffer.wrap(Reference.concat(one, Reference.hmac(hash, KEY, one))),
                    ByteBuffer.allocate(10))).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void aTooSmallOutputBufferFailsWithoutMovingAnything(String cipher, String hash) throws Exception {
        try (CryptoEngine e = engine(cipher, hash)) {
            int size = 100;
            int len = wireLength(cipher, hash, size);
            ByteBuffer plain = ByteBuffer.wrap(pattern(size, 6));
            ByteBuffer small = ByteBuffer.allocate(len - 1);
            assertThat(e.encrypt(plain, small)).isEqualTo(-1);
            assertThat(plain.position()).isZero();
            assertThat(small.position()).isZero();
            ByteBuffer wire = ByteBuffer.allocate(len);
            assertThat(e.encrypt(plain, wire)).isEqualTo(len);
            wire.flip();
            ByteBuffer smallOut = ByteBuffer.allocate(size - 1);
            assertThat(e.decrypt(wire, smallOut)).isEqualTo(-1);
            assertThat(wire.position()).isZero();
            assertThat(smallOut.position()).isZero();
            assertThat(e.decrypt(wire, ByteBuffer.allocate(size))).isEqualTo(size);
        }
    }

    // ------------------------------------------------------------------ configuration errors

    @ParameterizedTest
    @ValueSource(strings = {"aes-256-ctr", "aes-256-gcm", "AES256", "aes", "blowfish", "des3", "", " aes256",
            "aes256 "})
    void unknownCiphersAreEnxio(String cipher) {
        KnetException e = catchThrowableOfType(KnetException.class, () -> provider().create(cipher, "sha256", KEY));
        assertThat(e.error()).isEqualTo(KnetError.ENXIO);
        assertThat(e.getMessage()).contains("'" + cipher + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha224", "sha3-256", "SHA256", "sha-256", "blake2b512", "", "md4"})
    void unknownHashesAreEnxio(String hash) {
        KnetException e = catchThrowableOfType(KnetException.class, () -> provider().create("aes256", hash, KEY));
        assertThat(e.error()).isEqualTo(KnetError.ENXIO);
        assertThat(e.getMessage()).contains("'" + hash + "'");
        KnetException hashOnly = catchThrowableOfType(KnetException.class,
                () -> provider().create("none", hash, KEY));
        assertThat(hashOnly.error()).isEqualTo(KnetError.ENXIO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128", "aes192", "aes256", "aes-256-cbc"})
    void aCipherWithoutAHashIsEinval(String cipher) {
        KnetException e = catchThrowableOfType(KnetException.class, () -> provider().create(cipher, "none", KEY));
        assertThat(e.error()).isEqualTo(KnetError.EINVAL);
        assertThat(e.getMessage()).contains(cipher);
    }

    @Test
    void anUnknownCipherIsReportedBeforeAMissingHash() {
        // libknet's openssl model looks the names up first, then refuses a cipher without a hash
        assertThat(catchThrowableOfType(KnetException.class, () -> provider().create("rot13", "none", KEY)).error())
                .isEqualTo(KnetError.ENXIO);
    }

    @Test
    void neitherCipherNorHashIsEinval() {
        assertThat(catchThrowableOfType(KnetException.class, () -> provider().create("none", "none", KEY)).error())
                .isEqualTo(KnetError.EINVAL);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 32, 127, 4097, 8192})
    void keysOutside128To4096BytesAreEinval(int len) {
        KnetException e = catchThrowableOfType(KnetException.class,
                () -> provider().create("aes256", "sha256", new byte[len]));
        assertThat(e.error()).isEqualTo(KnetError.EINVAL);
        assertThat(e.getMessage()).contains(Integer.toString(len));
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129, 4096})
    void keysOf128To4096BytesWork(int len) throws Exception {
        byte[] k = key(len, 13, 1);
        for (String[] c : Reference.combos()) {
            try (CryptoEngine e = provider().create(c[0], c[1], k)) {
                byte[] plain = pattern(50, len);
                byte[] salt = pattern(16, 3);
                ByteBuffer wire = ByteBuffer.allocate(200);
                encryptWithSalt(e, ByteBuffer.wrap(plain), wire, salt);
                assertThat(bytes(wire.flip())).as("%s/%s", c[0], c[1])
                        .isEqualTo(Reference.wire(c[0], c[1], k, salt, plain));
            }
        }
    }

    @Test
    void nullArgumentsAreEinval() {
        for (Object[] args : new Object[][] {{null, "sha256", KEY}, {"aes256", null, KEY}, {"aes256", "sha256", null}}) {
            KnetException e = catchThrowableOfType(KnetException.class,
                    () -> provider().create((String) args[0], (String) args[1], (byte[]) args[2]));
            assertThat(e.error()).isEqualTo(KnetError.EINVAL);
        }
    }

    // ------------------------------------------------------------------ threads, allocation, close

    @Test
    void manyThreadsShareOneEngine() throws Exception {
        try (CryptoEngine e = engine("aes256", "sha256")) {
            List<byte[]> shared = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ByteBuffer w = ByteBuffer.allocate(2100);
                e.encrypt(ByteBuffer.wrap(pattern(1 + i * 31, i)), w);
                shared.add(Arrays.copyOf(w.array(), w.position()));
            }
            int threads = 6;
            CountDownLatch start = new CountDownLatch(1);
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    ByteBuffer wire = ByteBuffer.allocateDirect(2200);
                    ByteBuffer out = ByteBuffer.allocateDirect(2200);
                    try {
                        start.await();
                        for (int i = 0; i < 3000; i++) {
                            int size = 1 + (i * 7919 + id * 104729) % 2000;
                            byte[] plain = pattern(size, i + id);
                            wire.clear();
                            e.encrypt(ByteBuffer.wrap(plain), wire);
                            wire.flip();
                            out.clear();
                            if (e.decrypt(wire, out) != size || !Arrays.equals(bytes(out.flip()), plain)) {
                                failures.add("thread " + id + " packet " + i);
                            }
                            int k = i % shared.size();
                            out.clear();
                            if (e.decrypt(ByteBuffer.wrap(shared.get(k)), out) != 1 + k * 31) {
                                failures.add("thread " + id + " shared packet " + k);
                            }
                        }
                    } catch (InterruptedException ex) {
                        failures.add("interrupted");
                    }
                });
                th.start();
                all.add(th);
            }
            start.countDown();
            for (Thread th : all) {
                th.join();
            }
            assertThat(failures).isEmpty();
            assertThat(pooledStates(e)).isBetween(1, 64);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes256/sha256", "aes128/sha1", "none/sha256"})
    void allocatesNothingPerPacket(String config) throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        String[] ch = config.split("/");
        try (CryptoEngine e = engine(ch[0], ch[1])) {
            ByteBuffer plain = direct(pattern(1400, 1));
            ByteBuffer wire = ByteBuffer.allocateDirect(1400 + e.maxOverhead());
            ByteBuffer out = ByteBuffer.allocateDirect(1400);
            long self = Thread.currentThread().getId();
            int rounds = 20_000;
            long allocated = 0;
            for (int pass = 0; pass < 3; pass++) { // the first passes warm up (class loading, JIT)
                long before = threads.getThreadAllocatedBytes(self);
                for (int i = 0; i < rounds; i++) {
                    plain.rewind();
                    wire.clear();
                    e.encrypt(plain, wire);
                    wire.flip();
                    out.clear();
                    if (e.decrypt(wire, out) != 1400) {
                        throw new AssertionError("round trip failed");
                    }
                }
                allocated = threads.getThreadAllocatedBytes(self) - before;
            }
            // the smallest Java object is 16 bytes: under 16 bytes a packet on average, no packet allocates
            assertThat(allocated / (double) rounds).as("bytes allocated per encrypt+decrypt").isLessThan(16);
        }
    }

    @Test
    void closeDropsPooledStatesButRacingCallersStillWork() throws Exception {
        CryptoEngine e = engine("aes256", "sha256");
        ByteBuffer wire = ByteBuffer.allocate(200);
        e.encrypt(ByteBuffer.wrap(pattern(100, 8)), wire);
        assertThat(pooledStates(e)).isPositive();
        e.close();
        assertThat(pooledStates(e)).isZero();
        // a packet in flight when the engine was replaced still completes correctly
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(e.decrypt(wire.flip(), out)).isEqualTo(100);
        assertThat(out.array()).isEqualTo(pattern(100, 8));
        ByteBuffer again = ByteBuffer.allocate(200);
        assertThat(e.encrypt(ByteBuffer.wrap(pattern(10, 1)), again)).isPositive();
        assertThat(pooledStates(e)).isZero();
        e.close(); // idempotent
    }
}
