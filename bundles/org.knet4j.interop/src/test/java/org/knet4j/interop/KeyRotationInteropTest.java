package org.knet4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knet4j.api.Knet;
import org.knet4j.core.Knet4j;

/**
 * Live key rotation while 10,000 messages flow (2,000 a second): both sides put a new key in crypto slot 2, switch to
 * it and clear slot 1, on the same timetable (--rotate-key: +1 s, +2 s, +3 s into the run). The receiver must get
 * every message, intact and in order, and both sides must have finished the rotation before the traffic ends.
 */
class KeyRotationInteropTest {
    private static final int COUNT = 10_000;
    private static Knet knet;
    @TempDir
    static Path dir;
    private static Path oldKey;
    private static Path newKey;

    @BeforeAll
    static void setUp() throws Exception {
        CPeer.binary();
        knet = Knet4j.create();
        SecureRandom r = new SecureRandom();
        byte[] a = new byte[256];
        byte[] b = new byte[512];
        r.nextBytes(a);
        r.nextBytes(b);
        oldKey = Files.write(dir.resolve("old.key"), a);
        newKey = Files.write(dir.resolve("new.key"), b);
    }

    private static String[] args(int id, int peerId, int port, int peerPort, String crypto, String mode) {
        List<String> a = new ArrayList<>(List.of("--id", "" + id, "--peer-id", "" + peerId,
                "--bind", "127.0.0.1:" + port, "--peer", "127.0.0.1:" + peerPort, "--mode", mode,
                "--count", "" + COUNT, "--rate", "2000", "--size", "1400", "--timeout", "20",
                "--crypto", crypto, "--key", oldKey.toString(), "--rotate-key", newKey.toString(),
                "--rotate-after-ms", "1000"));
        return a.toArray(new String[0]);
    }

    @Test
    void javaSendsToLibknetWhileBothRotate() throws Exception {
        int base = Ports.freeRange(2);
        try (CPeer c = new CPeer(args(2, 1, base + 1, base, "openssl:aes256:sha256", "recv"))) {
            JavaPeer j = new JavaPeer(knet, args(1, 2, base, base + 1, "jce:aes256:sha256", "send"));
            int javaExit = j.awaitExit(60_000);
            int cExit = c.awaitExit(30_000);
            String logs = j.log() + c.log();
            assertThat(javaExit).as(logs).isZero();
            assertThat(cExit).as(logs).isZero();
            assertThat(c.result()).as(logs).containsEntry("received", "" + COUNT).containsEntry("corrupt", "0")
                    .containsEntry("missing", "0");
            assertThat(j.printed("ROTATED")).as(logs).isTrue();
            assertThat(c.awaitLine("ROTATED", 0)).as(logs).isTrue();
        }
    }

    @Test
    void libknetSendsToJavaWhileBothRotate() throws Exception {
        int base = Ports.freeRange(2);
        try (CPeer c = new CPeer(args(2, 1, base + 1, base, "nss:aes128:sha512", "send"))) {
            JavaPeer j = new JavaPeer(knet, args(1, 2, base, base + 1, "bouncycastle:aes128:sha512", "recv"));
            int javaExit = j.awaitExit(60_000);
            int cExit = c.awaitExit(30_000);
            String logs = j.log() + c.log();
            assertThat(javaExit).as(logs).isZero();
            assertThat(cExit).as(logs).isZero();
            assertThat(j.result()).as(logs).containsEntry("received", "" + COUNT).containsEntry("corrupt", "0")
                    .containsEntry("missing", "0");
            assertThat(j.printed("ROTATED")).as(logs).isTrue();
            assertThat(c.awaitLine("ROTATED", 0)).as(logs).isTrue();
        }
    }

    @Test
    void javaToJavaWhileBothRotate() throws Exception {
        int base = Ports.freeRange(2);
        JavaPeer rx = new JavaPeer(knet, args(2, 1, base + 1, base, "jce:aes256:sha384", "recv"));
        JavaPeer tx = new JavaPeer(knet, args(1, 2, base, base + 1, "bouncycastle:aes256:sha384", "send"));
        int txExit = tx.awaitExit(60_000);
        int rxExit = rx.awaitExit(30_000);
        String logs = tx.log() + rx.log();
        assertThat(txExit).as(logs).isZero();
        assertThat(rxExit).as(logs).isZero();
        assertThat(rx.result()).as(logs).containsEntry("received", "" + COUNT).containsEntry("corrupt", "0")
                .containsEntry("missing", "0");
        assertThat(tx.printed("ROTATED")).as(logs).isTrue();
        assertThat(rx.printed("ROTATED")).as(logs).isTrue();
    }
}
