package org.knet4j.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Handles made by Config Admin (org.knet4j.config, factory PID org.knet4j.handle) outlive the engine: the core
 * bundle stopped frees them, and started again they are re-created from their configuration and link up.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@Timeout(120)
class ConfiguredHandlesTest {
    private static final int A = 51;
    private static final int B = 52;

    @InjectBundleContext
    BundleContext ctx;

    private final List<Configuration> configurations = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Configuration c : configurations) {
            c.delete();
        }
        Bundle core = Bundles.bundle(ctx, "org.knet4j.core");
        if (core.getState() != Bundle.ACTIVE) {
            core.start();
        }
    }

    private void configure(ConfigurationAdmin cm, String name, int self, int peer, int[] ports, int mine, int theirs)
            throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("host.id", self);
        p.put("forwarding", true);
        p.put("channel", 0);
        p.put("host." + peer + ".name", "peer" + peer);
        for (int l = 0; l < 2; l++) {
            p.put("link." + peer + "." + l, "udp:127.0.0.1:" + ports[mine + l] + "->127.0.0.1:" + ports[theirs + l]
                    + ";priority=" + (2 - l) + ";ping=50/1000/2048;pong=2");
        }
        Configuration c = cm.getFactoryConfiguration("org.knet4j.handle", name, "?");
        c.update(p);
        configurations.add(c);
    }

    /** Both configured handles exist in {@code knet} with both their links connected. */
    private static boolean linkedUp(Knet knet) {
        try {
            return linksUp(knet, A, B) && linksUp(knet, B, A);
        } catch (KnetException | IllegalStateException e) {
            return false;
        }
    }

    private static boolean linksUp(Knet knet, int self, int peer) throws KnetException {
        for (KnetHandle h : knet.handles()) {
            if (h.hostId() == self && h.isOpen()) {
                return h.linkGetStatus(peer, 0).connected() && h.linkGetStatus(peer, 1).connected();
            }
        }
        return false;
    }

    @Test
    void coreRestartedRecreatesConfiguredHandles(@InjectService(timeout = 5000) ConfigurationAdmin cm,
            @InjectService(timeout = 5000) ServiceAware<Knet> knetService) throws Exception {
        int[] ports = LinkedPair.freePorts(4);
        configure(cm, "itestA", A, B, ports, 0, 2);
        configure(cm, "itestB", B, A, ports, 2, 0);
        Knet knet = knetService.waitForService(5000);
        assertThat(Bundles.await(() -> linkedUp(knet), 10_000)).as("configured handles link up").isTrue();
        List<KnetHandle> before = knet.handles().stream().filter(h -> h.hostId() == A || h.hostId() == B).toList();
        assertThat(before).hasSize(2);

        Bundle core = Bundles.bundle(ctx, "org.knet4j.core");
        core.stop();
        assertThat(before).noneMatch(KnetHandle::isOpen);
        assertThat(Bundles.await(() -> Bundles.threads("knet4j-") == 0, 5000)).as("engine threads gone").isTrue();

        core.start();
        Knet again = knetService.waitForService(5000);
        assertThat(again).isNotNull();
        assertThat(Bundles.await(() -> linkedUp(again), 15_000)).as("re-created from configuration").isTrue();

        // deleting the configurations frees the handles
        for (Configuration c : configurations) {
            c.delete();
        }
        configurations.clear();
        assertThat(Bundles.await(() -> again.handles().stream().noneMatch(h -> h.hostId() == A || h.hostId() == B),
                5000)).as("handles freed with their configuration").isTrue();
    }
}
