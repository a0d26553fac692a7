package org.knet4j.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Hashtable;
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
import org.knet4j.spi.compress.Compressor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Misbehaving plugins leave running handles working (issue 6, bad input): a second registration of a model that
 * is already served, and a plugin whose service cannot be obtained (it throws, as a component whose activation
 * fails does). Each is logged with its cause.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@Timeout(120)
class BadPluginsTest {
    private static LeakWatch console;

    @InjectBundleContext
    BundleContext ctx;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<ServiceRegistration<?>> registered = new ArrayList<>();

    @BeforeAll
    static void watchConsole() {
        console = LeakWatch.install();
    }

    @AfterAll
    static void unwatchConsole() {
        console.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (ServiceRegistration<?> r : registered) {
            r.unregister();
        }
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private LinkedPair compressedPairWithTraffic(Knet knet, int idA, int idB) throws Exception {
        byte[] key = new byte[256];
        new Random(7).nextBytes(key);
        LinkedPair p = LinkedPair.open(knet, idA, idB, new CryptoConfig("openssl", "aes256", "sha256", key));
        opened.add(p);
        assertThat(p.awaitLinksUp(2 * LinkedPair.LINKS, 10_000)).as("links up: %s", p.linkEvents()).isTrue();
        CompressConfig zlib = new CompressConfig("zlib", 0, 1);
        p.a.compress(zlib);
        p.b.compress(zlib);
        return p;
    }

    private static Hashtable<String, Object> model(String name, int id) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Compressor.MODEL_PROPERTY, name);
        props.put(Compressor.ID_PROPERTY, id);
        return props;
    }

    @Test
    void aModelRegisteredTwiceIsLoggedAndTheFirstKeepsServing(
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        Knet knet = knetService.getService();
        LinkedPair p = compressedPairWithTraffic(knet, 81, 82);
        Traffic t = Traffic.start(p.channelA, p.channelB, 500);
        opened.add(t);
        assertThat(t.awaitMore(200, 5000)).as("%s", t).isTrue();

        // a second "zlib" that cannot decode anything: if the engine used it, messages would be lost
        registered.add(ctx.registerService(Compressor.class, new BrokenZlib(), model("zlib", 1)));
        assertThat(Bundles.await(() -> !console.linesContaining("compress model zlib (wire id 1) registered twice")
                .isEmpty(), 5000)).as("the duplicate is logged").isTrue();
        assertThat(t.awaitMore(300, 5000)).as("%s", t).isTrue();
        registered.remove(0).unregister();
        assertThat(t.awaitMore(200, 5000)).as("%s", t).isTrue();

        t.stop(5000);
        assertThat(t.received()).as("%s", t).isEqualTo(t.sent());
        assertThat(t.corrupt()).isZero();
        assertThat(p.downEvents()).as("%s", p.linkEvents()).isZero();
        assertThat(p.b.getStats().rxDecompressFailedPackets()).isZero();
        assertThat(p.a.getStats().txCompressedPackets()).isPositive();
    }

    @Test
    void aPluginThatThrowsOnActivationIsLoggedAndHandlesKeepWorking(
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        Knet knet = knetService.getService();
        LinkedPair p = compressedPairWithTraffic(knet, 91, 92);
        Traffic t = Traffic.start(p.channelA, p.channelB, 500);
        opened.add(t);
        assertThat(t.awaitMore(200, 5000)).as("%s", t).isTrue();

        registered.add(ctx.registerService(Compressor.class.getName(), new ServiceFactory<Compressor>() {
            @Override
            public Compressor getService(Bundle bundle, ServiceRegistration<Compressor> registration) {
                throw new IllegalStateException("itest plugin fails to activate");
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<Compressor> registration, Compressor c) {
            }
        }, model("itest-broken", 200)));
        // the framework answers null for a service whose factory threw (and reports the exception as a framework
        // event); the engine logs the plugin it could not start and goes on
        assertThat(Bundles.await(() -> console.linesContaining("failed to start").stream()
                .anyMatch(l -> l.contains("compression plugin") && l.contains("itest-broken")), 5000))
                .as("the failure is logged, naming the plugin").isTrue();
        assertThat(knet.compressList()).doesNotContain("itest-broken").contains("zlib");
        assertThat(t.awaitMore(300, 5000)).as("%s", t).isTrue();

        t.stop(5000);
        assertThat(t.received()).as("%s", t).isEqualTo(t.sent());
        assertThat(p.downEvents()).as("%s", p.linkEvents()).isZero();
    }

    /** A zlib that decodes nothing and compresses nothing. */
    private static final class BrokenZlib implements Compressor {
        @Override
        public String model() {
            return "zlib";
        }

        @Override
        public int wireId() {
            return 1;
        }

        @Override
        public int defaultLevel() {
            return -1;
        }

        @Override
        public int validateLevel(int level) {
            return level;
        }

        @Override
        public int compress(ByteBuffer src, ByteBuffer dst, int level) {
            return -1;
        }

        @Override
        public int decompress(ByteBuffer src, ByteBuffer dst) {
            return -1;
        }
    }
}
