package org.knet4j.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.Message;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Hot swap inside a real Felix framework (ARCHITECTURE.md, "Plugins and hot swap"): two handles exchange traffic
 * over two UDP links while plugin bundles and the core bundle are stopped, started and updated.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@Timeout(120)
class PluginSwapTest {
    private static final String CORE = "org.knet4j.core";
    private static final String UDP = "org.knet4j.transport.udp";
    private static final String JCE = "org.knet4j.crypto.jce";
    private static final String BC = "org.knet4j.crypto.bouncycastle";
    private static final String ZLIB = "org.knet4j.compress.zlib";
    private static final String LZ4 = "org.knet4j.compress.lz4";
    /** Each compression bundle with one model it serves. */
    private static final List<String[]> COMPRESSION = List.of(new String[] {"zlib", ZLIB},
            new String[] {"lz4", LZ4}, new String[] {"zstd", "org.knet4j.compress.zstd"},
            new String[] {"lzma", "org.knet4j.compress.lzma"}, new String[] {"bzip2", "org.knet4j.compress.bzip2"},
            new String[] {"lzo2", "org.knet4j.compress.lzo2"});
    private static final long LINK_UP_MS = 10_000;

    private static LeakWatch leakWatch;

    @InjectBundleContext
    BundleContext ctx;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void watchLeaks() {
        leakWatch = LeakWatch.install();
    }

    @AfterAll
    static void unwatchLeaks() {
        leakWatch.close();
    }

    @AfterEach
    void restore() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        // a failed test must not leave the next one without its bundles
        for (String bsn : bundlesUnderTest()) {
            Bundle b = Bundles.bundle(ctx, bsn);
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
    }

    private static List<String> bundlesUnderTest() {
        List<String> all = new ArrayList<>(List.of(CORE, UDP, JCE, BC));
        COMPRESSION.forEach(m -> all.add(m[1]));
        return all;
    }

    private static CryptoConfig openssl() {
        byte[] key = new byte[256];
        new Random(42).nextBytes(key);
        // "openssl" is served by both crypto bundles (as corosync configurations name it)
        return new CryptoConfig("openssl", "aes256", "sha256", key);
    }

    private LinkedPair pair(Knet knet, int idA, int idB, CryptoConfig crypto) throws Exception {
        LinkedPair p = LinkedPair.open(knet, idA, idB, crypto);
        opened.add(p);
        assertThat(p.awaitLinksUp(2 * LinkedPair.LINKS, LINK_UP_MS)).as("links up: %s", p.linkEvents()).isTrue();
        return p;
    }

    private Traffic traffic(LinkedPair p) {
        Traffic t = Traffic.start(p.channelA, p.channelB, 500);
        opened.add(t);
        return t;
    }

    /** One message A to B with sendSync, received within 5 s. */
    private static void exchange(LinkedPair p, String text) throws Exception {
        p.channelB.setListener(null);
        p.channelA.sendSync(ByteBuffer.wrap(text.getBytes()));
        Message m = p.channelB.receive(Duration.ofSeconds(5));
        assertThat(m).as("message %s", text).isNotNull();
        assertThat(new String(m.data())).isEqualTo(text);
    }

    @Test
    void cryptoBundlesStoppedStartedAndUpdatedUnderTrafficLoseNothing(
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        Knet knet = knetService.getService();
        LinkedPair p = pair(knet, 11, 12, openssl());
        Traffic t = traffic(p);
        assertThat(t.awaitMore(200, 5000)).as("traffic starts: %s", t).isTrue();
        p.clearEvents();

        for (String bsn : List.of(JCE, BC)) {
            Bundle b = Bundles.bundle(ctx, bsn);
            String model = bsn.equals(JCE) ? "jce" : "bouncycastle";
            b.stop();
            assertThat(knet.cryptoList()).as("after stopping %s", bsn).doesNotContain(model).contains("openssl");
            assertThat(t.awaitMore(200, 5000)).as("traffic with %s stopped: %s", bsn, t).isTrue();
            b.start();
            assertThat(knet.cryptoList()).contains(model);
            assertThat(t.awaitMore(200, 5000)).as("traffic with %s started: %s", bsn, t).isTrue();
            b.update();
            assertThat(Bundles.await(() -> knet.cryptoList().contains(model), 5000)).isTrue();
            assertThat(t.awaitMore(200, 5000)).as("traffic with %s updated: %s", bsn, t).isTrue();
        }
        t.stop(5000);

        assertThat(t.sendErrors()).as("%s", t).isEmpty();
        assertThat(t.corrupt()).as("%s", t).isZero();
        assertThat(t.outOfOrder()).as("%s", t).isZero();
        assertThat(t.received()).as("%s", t).isEqualTo(t.sent());
        assertThat(p.downEvents()).as("link events %s", p.linkEvents()).isZero();
        assertThat(p.a.getStats().rxCryptFailedPackets()).isZero();
        assertThat(p.b.getStats().rxCryptFailedPackets()).isZero();
    }

    @Test
    void withNoCryptoProviderSendsFailWithEchildUntilOneReturns(
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        Knet knet = knetService.getService();
        LinkedPair p = pair(knet, 21, 22, openssl());
        exchange(p, "before");

        Bundle jce = Bundles.bundle(ctx, JCE);
        Bundle bc = Bundles.bundle(ctx, BC);
        jce.stop();
        bc.stop();
        assertThat(knet.cryptoList()).doesNotContain("openssl");
        assertThatThrownBy(() -> p.channelA.sendSync(ByteBuffer.wrap("nothing can encrypt this".getBytes())))
                .isInstanceOfSatisfying(KnetException.class, e -> assertThat(e.error()).isEqualTo(KnetError.ECHILD));
        // never in clear: B saw no data packet it could read
        assertThat(p.channelB.receive(Duration.ofMillis(300))).isNull();

        bc.start();
        jce.start();
        assertThat(p.awaitLinksUp(2 * LinkedPair.LINKS, LINK_UP_MS)).as("links back: %s", p.linkEvents()).isTrue();
        exchange(p, "after");
    }

    @Test
    void udpTransportStoppedTakesLinksDownAndFreesThreadsAndSockets(
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        Knet knet = knetService.getService();
        int socketsBefore = Bundles.openSockets();
        LinkedPair p = pair(knet, 31, 32, null);
        exchange(p, "first");
        assertThat(Bundles.threads("knet4j-udp-")).isPositive();
        assertThat(Bundles.openSockets()).isGreaterThan(socketsBefore);
        Bundle udp = Bundles.bundle(ctx, UDP);

        for (String how : List.of("stop/start", "update")) {
            p.clearEvents();
            if (how.equals("update")) {
                // Bundle.update stops, replaces and restarts: the links go down and must come back on their own
                udp.update();
            } else {
                udp.stop();
                assertThat(p.awaitLinksUp(0, 5000)).as("links down: %s", p.linkEvents()).isTrue();
                // notifications come from each handle's notify thread, shortly after the state changed
                assertThat(Bundles.await(() -> p.linkEvents().containsAll(
                        List.of("A 32/0 down", "A 32/1 down", "B 31/0 down", "B 31/1 down")), 5000))
                        .as("notifications: %s", p.linkEvents()).isTrue();
                assertThat(Bundles.await(() -> Bundles.threads("knet4j-udp-") == 0, 5000))
                        .as("udp threads gone").isTrue();
                assertThat(Bundles.await(() -> Bundles.openSockets() <= socketsBefore, 5000))
                        .as("sockets closed (before: %d, now: %d)", socketsBefore, Bundles.openSockets()).isTrue();
                assertThat(knet.transportList()).noneMatch(ti -> ti.name().equals("UDP"));
                udp.start();
            }
            assertThat(p.awaitLinksUp(2 * LinkedPair.LINKS, LINK_UP_MS)).as("links back after %s: %s", how,
                    p.linkEvents()).isTrue();
            exchange(p, "after " + how);
        }
        LeakWatch.collectGarbage();
        exchange(p, "after collecting garbage");
        assertThat(leakWatch.leaks()).isEmpty();
    }

    @Test
    void coreStoppedFreesHandlesThreadsAndSocketsAndComesBack(
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        int socketsBefore = Bundles.openSockets();
        LinkedPair p = pair(knetService.getService(), 41, 42, openssl());
        exchange(p, "before");
        assertThat(Bundles.threads("knet4j-")).isPositive();

        Bundle core = Bundles.bundle(ctx, CORE);
        core.stop();
        assertThat(p.a.isOpen()).isFalse();
        assertThat(p.b.isOpen()).isFalse();
        assertThatThrownBy(() -> p.channelA.sendSync(ByteBuffer.wrap(new byte[] {1})))
                .isInstanceOf(KnetException.class);
        assertThat(Bundles.await(() -> Bundles.threads("knet4j-") == 0, 5000))
                .as("knet4j threads left: %s", knet4jThreads()).isTrue();
        assertThat(Bundles.await(() -> Bundles.openSockets() <= socketsBefore, 5000))
                .as("sockets closed (before: %d, now: %d)", socketsBefore, Bundles.openSockets()).isTrue();

        core.start();
        Knet again = knetService.waitForService(5000);
        assertThat(again).isNotNull();
        LinkedPair q = pair(again, 41, 42, openssl());
        exchange(q, "after restart");
        LeakWatch.collectGarbage();
        exchange(q, "after collecting garbage");
        assertThat(leakWatch.leaks()).isEmpty();
    }

    /**
     * A compression bundle stopped while its model is in use: sending goes on uncompressed (logged), the links stay
     * up, and started (or updated) again compression resumes; nothing is lost. Both handles live in this
     * framework, so the receiver loses its decoder at the same moment the sender stops compressing: the packets
     * compressed just before and still in flight are decoded by the departing provider during a short grace.
     */
    @Test
    void compressionBundleStoppedSendsUncompressedAndStartedResumes(
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        Knet knet = knetService.getService();
        int id = 70;
        for (String[] model : COMPRESSION) {
            id += 2;
            LinkedPair p = pair(knet, id, id + 1, openssl());
            CompressConfig cfg = new CompressConfig(model[0], 0, 1);
            p.a.compress(cfg);
            p.b.compress(cfg);
            Traffic t = traffic(p);
            assertThat(t.awaitMore(200, 5000)).as("traffic starts: %s", t).isTrue();
            long compressed = p.a.getStats().txCompressedPackets();
            assertThat(compressed).as("%s compresses", model[0]).isPositive();
            p.clearEvents();

            Bundle b = Bundles.bundle(ctx, model[1]);
            b.stop();
            assertThat(knet.compressList()).doesNotContain(model[0]);
            assertThat(t.awaitMore(100, 5000)).as("traffic without %s: %s", model[0], t).isTrue();
            long whileStopped = p.a.getStats().txCompressedPackets();
            assertThat(t.awaitMore(200, 5000)).isTrue();
            assertThat(p.a.getStats().txCompressedPackets()).as("no compression while stopped").isEqualTo(whileStopped);
            assertThat(p.a.compressConfig().model()).as("the configuration stays").isEqualTo(model[0]);

            b.start();
            assertThat(t.awaitMore(200, 5000)).isTrue();
            assertThat(p.a.getStats().txCompressedPackets()).as("compression resumes").isGreaterThan(whileStopped);
            long beforeUpdate = p.a.getStats().txCompressedPackets();
            b.update();
            assertThat(Bundles.await(() -> knet.compressList().contains(model[0]), 5000)).isTrue();
            assertThat(t.awaitMore(200, 5000)).isTrue();
            assertThat(p.a.getStats().txCompressedPackets()).as("resumes after update").isGreaterThan(beforeUpdate);

            t.stop(5000);
            assertThat(t.sendErrors()).as("%s", t).isEmpty();
            assertThat(t.corrupt()).as("%s", t).isZero();
            assertThat(p.downEvents()).as("link events %s", p.linkEvents()).isZero();
            assertThat(t.received()).as("%s, rx decompress failures %d", t,
                    p.b.getStats().rxDecompressFailedPackets()).isEqualTo(t.sent());
            p.close();
        }
    }

    private static List<String> knet4jThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("knet4j-")).toList();
    }
}
