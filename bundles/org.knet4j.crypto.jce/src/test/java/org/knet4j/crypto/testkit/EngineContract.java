package org.knet4j.crypto.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.crypto.testkit.Reference.key;
import static org.knet4j.crypto.testkit.Reference.pattern;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.Message;
import org.knet4j.api.PingTimers;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.MemoryTransport;
import org.knet4j.spi.crypto.CryptoProvider;

/**
 * A provider inside the real engine (org.knet4j.core) between two handles over an in-memory transport: links come
 * up only through the crypto, messages of every size cross, wrong keys and clear traffic are refused, and keys can
 * be rotated under load without losing a message.
 */
public abstract class EngineContract {
    private static final byte[] K1 = key(256, 11, 5);
    private static final byte[] K2 = key(512, 3, 99);
    private static final PingTimers FAST = new PingTimers(50, 1000, 2048);
    private static final InetSocketAddress ADDR_A = new InetSocketAddress("127.0.0.1", 6001);
    private static final InetSocketAddress ADDR_B = new InetSocketAddress("127.0.0.1", 6002);

    private final MemoryTransport transport = new MemoryTransport();
    private KnetHandle a;
    private KnetHandle b;

    /** The provider under test. */
    protected abstract CryptoProvider provider();

    @BeforeEach
    void setUp() throws Exception {
        KnetImpl knet = new KnetImpl();
        knet.plugins().addTransport(transport);
        knet.plugins().addCrypto(provider());
        a = knet.newHandle(HandleOptions.of(1));
        b = knet.newHandle(HandleOptions.of(2));
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        transport.shutdown();
    }

    private void connect() throws KnetException {
        link(a, 2, ADDR_A, ADDR_B);
        link(b, 1, ADDR_B, ADDR_A);
    }

    private static void link(KnetHandle h, int peer, InetSocketAddress src, InetSocketAddress dst)
            throws KnetException {
        h.enableSockNotify((channel, direction, error, reason) -> { });
        h.hostAdd(peer);
        h.linkSetConfig(peer, 0, LinkConfig.udp(src, dst));
        h.linkSetPingTimers(peer, 0, FAST);
        h.linkSetPongCount(peer, 0, 2);
        h.linkSetEnable(peer, 0, true);
    }

    private static DataChannel channel(KnetHandle h, int peer) throws KnetException {
        DataChannel ch = h.openChannel(0);
        h.enableFilter(DestinationFilter.unicastTo(peer));
        h.setForwarding(true);
        return ch;
    }

    private static boolean reachable(KnetHandle h, int peer, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (h.hostGetStatus(peer).reachable()) {
                return true;
            }
            Thread.sleep(10);
        }
        return h.hostGetStatus(peer).reachable();
    }

    private CryptoConfig config(String model, byte[] key) {
        return new CryptoConfig(model, "aes256", "sha256", key);
    }

    @Test
    void anEncryptedLinkComesUpAndCarriesMessagesOfEverySize() throws Exception {
        // one side names libknet's model, the other this provider's own name: the same provider serves both
        a.crypto(config("openssl", K1));
        b.crypto(config(provider().model(), K1));
        connect();
        DataChannel chA = channel(a, 2);
        DataChannel chB = channel(b, 1);
        assertThat(reachable(a, 2, Duration.ofSeconds(10))).isTrue();
        assertThat(reachable(b, 1, Duration.ofSeconds(10))).isTrue();
        for (int size : new int[] {1, 1400, 65536}) {
            byte[] ab = pattern(size, 1);
            byte[] ba = pattern(size, 2);
            a.sendSync(0, ByteBuffer.wrap(ab));
            b.sendSync(0, ByteBuffer.wrap(ba));
            Message atB = chB.receive(Duration.ofSeconds(10));
            Message atA = chA.receive(Duration.ofSeconds(10));
            assertThat(atB).as("%d bytes at b", size).isNotNull();
            assertThat(atB.data()).isEqualTo(ab);
            assertThat(atA).as("%d bytes at a", size).isNotNull();
            assertThat(atA.data()).isEqualTo(ba);
        }
        assertThat(a.getStats().txCryptPackets()).isPositive();
        assertThat(b.getStats().rxCryptPackets()).isPositive();
        assertThat(a.getStats().rxCryptFailedPackets()).isZero();
        assertThat(b.getStats().rxCryptFailedPackets()).isZero();
    }

    @Test
    void aHandleWithAnotherKeyNeverGetsTheLinkUp() throws Exception {
        byte[] other = K1.clone();
        other[K1.length - 1] ^= 1;
        a.crypto(config(provider().model(), K1));
        b.crypto(config(provider().model(), other));
        connect();
        assertThat(reachable(a, 2, Duration.ofMillis(1500))).isFalse();
        assertThat(reachable(b, 1, Duration.ofMillis(10))).isFalse();
        assertThat(a.getStats().rxCryptFailedPackets()).isPositive();
        assertThat(b.getStats().rxCryptFailedPackets()).isPositive();
        assertThat(a.linkGetStatus(2, 0).stats().rxPingPackets()).isZero();
    }

    @Test
    void clearTrafficIsRefusedWhenDisallowed() throws Exception {
        a.crypto(config(provider().model(), K1)); // the legacy call also disallows clear traffic
        connect(); // b has no crypto: it pings in clear
        assertThat(reachable(a, 2, Duration.ofMillis(1000))).isFalse();
        assertThat(a.getStats().rxCryptFailedPackets()).isPositive();
        assertThat(a.linkGetStatus(2, 0).stats().rxPingPackets()).as("clear pings processed").isZero();

        a.cryptoRxClearTraffic(true); // control: once allowed, b's clear pings are taken
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (a.linkGetStatus(2, 0).stats().rxPingPackets() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(a.linkGetStatus(2, 0).stats().rxPingPackets()).as("clear pings processed").isPositive();
    }

    /**
     * libknet's rekey sequence (API.md §3.3) on both nodes while a thread sends 10,000 messages with sendSync:
     * new key into slot 2, switch to it, clear slot 1. Every message must arrive exactly once and intact, and the
     * link must stay up.
     */
    @Test
    void keysRotateUnderLoadWithoutLosingAMessage() throws Exception {
        int total = 10_000;
        for (KnetHandle h : new KnetHandle[] {a, b}) {
            h.cryptoSetConfig(config(provider().model(), K1), 1);
            h.cryptoUseConfig(1);
            h.cryptoRxClearTraffic(false);
        }
        connect();
        channel(a, 2);
        DataChannel chB = channel(b, 1);
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        AtomicInteger received = new AtomicInteger();
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        chB.setListener((ch, src, data) -> {
            int seq = data.getInt(data.position());
            byte[] got = new byte[data.remaining()];
            data.duplicate().get(got);
            if (seq < 0 || seq >= total || !Arrays.equals(got, message(seq))) {
                problems.add("corrupt message (seq " + seq + ", " + got.length + " bytes)");
                return;
            }
            seen.incrementAndGet(seq);
            received.incrementAndGet();
        });
        assertThat(reachable(a, 2, Duration.ofSeconds(10))).isTrue();
        assertThat(reachable(b, 1, Duration.ofSeconds(10))).isTrue();
        long downsBefore = a.linkGetStatus(2, 0).stats().downCount() + b.linkGetStatus(1, 0).stats().downCount();

        AtomicInteger sent = new AtomicInteger();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    a.sendSync(0, ByteBuffer.wrap(message(i)));
                    sent.incrementAndGet();
                    if (i % 50 == 49) {
                        Thread.sleep(1); // spread the load over the rotation steps
                    }
                }
            } catch (Exception e) {
                problems.add("send " + sent.get() + " failed: " + e);
            }
        }, "rotation-sender");
        sender.start();

        int[] stepAt = new int[3];
        awaitSent(sent, 2000, sender);
        b.cryptoSetConfig(config(provider().model(), K2), 2); // 1: both accept the new key
        a.cryptoSetConfig(config(provider().model(), K2), 2);
        stepAt[0] = sent.get();
        awaitSent(sent, 4000, sender);
        a.cryptoUseConfig(2); // 2: both send with it
        b.cryptoUseConfig(2);
        stepAt[1] = sent.get();
        awaitSent(sent, 6000, sender);
        Thread.sleep(50); // let packets sealed with the old key land (the application's synchronisation)
        transport.sync();
        a.cryptoSetConfig(CryptoConfig.none(), 1); // 3: the old key goes
        b.cryptoSetConfig(CryptoConfig.none(), 1);
        stepAt[2] = sent.get();

        sender.join(60_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.get() < total && problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        transport.sync();
        assertThat(problems).isEmpty();
        assertThat(List.of(stepAt[0], stepAt[1], stepAt[2]))
                .as("the rotation happened while messages were being sent")
                .allSatisfy(at -> assertThat(at).isBetween(1, total - 1));
        int missing = 0;
        int duplicated = 0;
        for (int i = 0; i < total; i++) {
            missing += seen.get(i) == 0 ? 1 : 0;
            duplicated += seen.get(i) > 1 ? 1 : 0;
        }
        assertThat(missing).as("messages lost").isZero();
        assertThat(duplicated).as("messages delivered twice").isZero();
        assertThat(received.get()).isEqualTo(total);
        assertThat(a.linkGetStatus(2, 0).stats().downCount() + b.linkGetStatus(1, 0).stats().downCount())
                .as("link downs during the rotation").isEqualTo(downsBefore);
        assertThat(b.getStats().rxCryptFailedPackets()).isZero();
        // the new key alone now carries the traffic
        a.sendSync(0, ByteBuffer.wrap(message(7)));
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (seen.get(7) < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(seen.get(7)).isEqualTo(2);
    }

    private static void awaitSent(AtomicInteger sent, int n, Thread sender) throws InterruptedException {
        while (sent.get() < n && sender.isAlive()) {
            Thread.sleep(1);
        }
    }

    /** Message {@code seq}: its number, then a pattern; 8..1400 bytes, so some are fragmented at the MTU floor. */
    static byte[] message(int seq) {
        byte[] m = pattern(8 + (seq * 37) % 1393, seq);
        ByteBuffer.wrap(m).putInt(0, seq);
        return m;
    }
}
