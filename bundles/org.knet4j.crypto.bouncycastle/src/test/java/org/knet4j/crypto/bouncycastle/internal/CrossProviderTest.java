package org.knet4j.crypto.bouncycastle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.crypto.testkit.Reference.bytes;
import static org.knet4j.crypto.testkit.Reference.key;
import static org.knet4j.crypto.testkit.Reference.pattern;

import java.nio.ByteBuffer;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knet4j.crypto.testkit.Reference;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.crypto.framing.LibknetCryptoEngine;

/** BouncyCastle and JCE put the same bytes on the wire: each decrypts the other, and a fixed salt gives equal bytes. */
class CrossProviderTest {
    private static final byte[] KEY = key(300, 5, 17);
    private static final int[] SIZES = IntStream.concat(IntStream.rangeClosed(1, 48),
            IntStream.of(26, 255, 1400, 1401, 8000, 65536, 65536 + 26)).toArray();

    static Stream<Arguments> combos() {
        return Reference.combos().stream().map(c -> Arguments.of(c[0], c[1]));
    }

    private static CryptoProvider jce() throws Exception {
        // the JCE provider's class is private to its bundle; on the test class path it is found like any plugin
        for (CryptoProvider p : ServiceLoader.load(CryptoProvider.class)) {
            if (p.model().equals("jce")) {
                return p;
            }
        }
        throw new AssertionError("the jce provider is not on the test class path");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void bouncyCastleToJce(String cipher, String hash) throws Exception {
        try (CryptoEngine bc = new BouncyCastleCryptoProvider().create(cipher, hash, KEY);
                CryptoEngine jce = jce().create(cipher, hash, KEY)) {
            assertOneWay(bc, jce);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void jceToBouncyCastle(String cipher, String hash) throws Exception {
        try (CryptoEngine bc = new BouncyCastleCryptoProvider().create(cipher, hash, KEY);
                CryptoEngine jce = jce().create(cipher, hash, KEY)) {
            assertOneWay(jce, bc);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("combos")
    void aFixedSaltGivesTheSameBytes(String cipher, String hash) throws Exception {
        try (CryptoEngine bc = new BouncyCastleCryptoProvider().create(cipher, hash, KEY);
                CryptoEngine jce = jce().create(cipher, hash, KEY)) {
            for (int size : new int[] {1, 16, 26, 1400}) {
                byte[] salt = pattern(16, size);
                byte[] plain = pattern(size, 3);
                ByteBuffer w1 = ByteBuffer.allocate(size + 100);
                ByteBuffer w2 = ByteBuffer.allocate(size + 100);
                ((LibknetCryptoEngine) bc).encryptWithSalt(ByteBuffer.wrap(plain), w1, salt);
                ((LibknetCryptoEngine) jce).encryptWithSalt(ByteBuffer.wrap(plain), w2, salt);
                assertThat(bytes(w1.flip())).isEqualTo(bytes(w2.flip()));
            }
        }
    }

    private static void assertOneWay(CryptoEngine from, CryptoEngine to) {
        ByteBuffer wire = ByteBuffer.allocateDirect(65536 + 26 + from.maxOverhead());
        ByteBuffer out = ByteBuffer.allocateDirect(65536 + 26);
        for (int size : SIZES) {
            byte[] plain = pattern(size, size * 3);
            wire.clear();
            int n = from.encrypt(Reference.direct(plain), wire);
            assertThat(n).isPositive();
            out.clear();
            assertThat(to.decrypt(wire.flip(), out)).as("%d bytes", size).isEqualTo(size);
            assertThat(bytes(out.flip())).isEqualTo(plain);
        }
    }
}
