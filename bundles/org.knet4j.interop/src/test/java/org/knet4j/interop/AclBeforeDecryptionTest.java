package org.knet4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.core.Knet4j;

/**
 * With crypto on (the JCE model, as a deployment would have it), a packet from an address no access list accepts
 * is dropped before the node spends a decryption on it; with the lists off the same packet is decrypted and fails.
 * Lives here because the core's tests have no crypto model.
 */
class AclBeforeDecryptionTest {
    private Knet knet;
    private KnetHandle h;
    private InetSocketAddress atH;

    @BeforeEach
    void setUp() throws Exception {
        knet = Knet4j.create();
        h = knet.newHandle(HandleOptions.of(1));
        h.enableSockNotify((c, d, e, r) -> { });
        byte[] key = new byte[128];
        Arrays.fill(key, (byte) 7);
        h.cryptoSetConfig(new CryptoConfig("jce", "aes256", "sha256", key), 1);
        h.cryptoUseConfig(1);
        h.cryptoRxClearTraffic(false);
        int base = Ports.freeRange(2);
        atH = new InetSocketAddress("127.0.0.1", base);
        h.hostAdd(2);
        h.linkSetConfig(2, 0, LinkConfig.udp(atH, new InetSocketAddress("127.0.0.1", base + 1)));
    }

    @AfterEach
    void tearDown() {
        h.close();
        Knet4j.shutdown(knet);
    }

    private void sendFrom127002(int count) throws Exception {
        byte[] junk = new byte[200];
        Arrays.fill(junk, (byte) 0x5a);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            for (int i = 0; i < count; i++) {
                s.send(new DatagramPacket(junk, junk.length, atH));
            }
        }
    }

    private static void await(String what, LongSupplier counter, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (counter.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(counter.getAsLong()).as(what).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void refusedSourcesCostNoDecryption() throws Exception {
        assertThat(h.linkGetAcl(2, 0)).extracting(e -> e.first()).containsExactly(InetAddress.getByName("127.0.0.1"));
        sendFrom127002(20);
        await("refused by the access lists", () -> h.getStats().rxAclRefusedPackets(), 20);
        assertThat(h.getStats().rxCryptFailedPackets()).isZero();

        h.enableAccessLists(false);
        sendFrom127002(20);
        await("decrypted and failed", () -> h.getStats().rxCryptFailedPackets(), 20);
        assertThat(h.getStats().rxAclRefusedPackets()).isEqualTo(20);
    }
}
