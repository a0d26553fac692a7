package org.knet4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knet4j.api.Knet;
import org.knet4j.core.Knet4j;

/**
 * A Java node and a C libknet 1.25 node agree on every cipher × hash pair under libknet's openssl and nss models:
 * the link comes up through encrypted pings, and 65536-byte messages (fragmented) go to the C node and come back.
 * The Java side uses the JCE bundle against openssl and the BouncyCastle bundle against nss, so both bundles meet
 * both C models across the matrix.
 */
class CryptoInteropTest {
    private static Knet knet;
    @TempDir
    static Path dir;
    private static Path key;

    @BeforeAll
    static void setUp() throws Exception {
        CPeer.binary();
        knet = Knet4j.create();
        assertThat(knet.cryptoList()).contains("jce", "bouncycastle", "openssl", "nss");
        byte[] k = new byte[256];
        new SecureRandom().nextBytes(k);
        key = dir.resolve("knet.key");
        Files.write(key, k);
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String cModel : new String[] {"openssl", "nss"}) {
            String javaModel = cModel.equals("openssl") ? "jce" : "bouncycastle";
            for (String cipher : new String[] {"none", "aes128", "aes192", "aes256"}) {
                for (String hash : new String[] {"md5", "sha1", "sha256", "sha384", "sha512"}) {
                    cases.add(Arguments.of(cModel, javaModel, cipher, hash));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "C {0} / Java {1}: {2} + {3}")
    @MethodSource("matrix")
    void echoThroughEncryptedLink(String cModel, String javaModel, String cipher, String hash) throws Exception {
        int base = Ports.freeRange(2);
        String[] common = {"--key", key.toString(), "--timeout", "15"};
        List<String> c = new ArrayList<>(List.of("--id", "2", "--peer-id", "1", "--bind", "127.0.0.1:" + (base + 1),
                "--peer", "127.0.0.1:" + base, "--mode", "echo", "--count", "6", "--crypto",
                cModel + ":" + cipher + ":" + hash));
        c.addAll(List.of(common));
        List<String> j = new ArrayList<>(List.of("--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:" + base,
                "--peer", "127.0.0.1:" + (base + 1), "--mode", "latency", "--count", "6", "--size", "65536",
                "--crypto", javaModel + ":" + cipher + ":" + hash));
        j.addAll(List.of(common));
        try (CPeer cPeer = new CPeer(c.toArray(new String[0]))) {
            JavaPeer javaPeer = new JavaPeer(knet, j.toArray(new String[0]));
            int javaExit = javaPeer.awaitExit(60_000);
            String logs = "case C " + cModel + " / Java " + javaModel + " " + cipher + "+" + hash + "\n"
                    + javaPeer.log() + cPeer.log();
            assertThat(javaExit).as(logs).isZero();
            assertThat(javaPeer.result().get("received")).as(logs).isEqualTo("6");
            assertThat(cPeer.awaitExit(30_000)).as(logs).isZero();
        }
    }
}
