package org.knet4j.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkPolicy;
import org.knet4j.core.Knet4j;

/**
 * The component outside OSGi on the real engine, over real UDP on 127.0.0.1 with JCE crypto: two nodes (hosts 1
 * and 2) built from configurations, then changed, refused, rolled back and deleted.
 */
class HandleComponentTest {
    private static final Duration UP = Duration.ofSeconds(10);
    private static Knet knet;

    private int[] ports;
    private final List<InvalidConfigException> refusedA = new CopyOnWriteArrayList<>();
    private final List<InvalidConfigException> refusedB = new CopyOnWriteArrayList<>();
    private final List<HandleComponent> started = new ArrayList<>();

    @BeforeAll
    static void engine() {
        knet = Knet4j.create();
    }

    @AfterAll
    static void stopEngine() {
        Knet4j.shutdown(knet);
    }

    @BeforeEach
    void choosePorts() throws Exception {
        ports = Ports.free(6);
    }

    @AfterEach
    void stopNodes() {
        started.forEach(HandleComponent::deactivate);
    }

    /** Link L between host 1 (port[L]) and host 2 (port[3+L]), as seen from host {@code self}. */
    private String link(int self, int l) {
        int mine = self == 1 ? ports[l] : ports[3 + l];
        int theirs = self == 1 ? ports[3 + l] : ports[l];
        return "udp:127.0.0.1:" + mine + "->127.0.0.1:" + theirs + ";ping=100/1000/2048;pong=2";
    }

    private Map<String, Object> node(int self, Object... kv) {
        int peer = 3 - self;
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "org.knet4j.handle~node" + self);
        p.put("host.id", self);
        p.put("forwarding", true);
        p.put("channel", 0);
        p.put("host." + peer + ".name", "node" + peer);
        p.put("link." + peer + ".0", link(self, 0));
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                p.remove((String) kv[i]);
            } else {
                p.put((String) kv[i], kv[i + 1] instanceof Integer l && ((String) kv[i]).startsWith("link.")
                        ? link(self, l) : kv[i + 1]);
            }
        }
        return p;
    }

    private HandleComponent start(int self, Map<String, Object> props) {
        HandleComponent c = new HandleComponent(knet, props, (self == 1 ? refusedA : refusedB)::add);
        started.add(c);
        return c;
    }

    private static boolean up(HandleComponent c, int peer, int link) throws Exception {
        HandleNode n = c.node();
        return n != null && n.handle().linkList(peer).contains(link) && n.handle().linkGetStatus(peer, link).connected();
    }

    private static String key(int fill) {
        byte[] k = new byte[256];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private static Object[] crypto(int fill) {
        return new Object[] {"crypto.model", "jce", "crypto.cipher", "aes256", "crypto.hash", "sha256",
            "crypto.key", key(fill), "crypto.rotation.step.ms", 1000};
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Traffic traffic(HandleComponent a, HandleComponent b) {
        a.node().handle().enableFilter(DestinationFilter.unicastTo(2));
        b.node().handle().enableFilter(DestinationFilter.unicastTo(1));
        return new Traffic(a.node().channel(), b.node().channel(), 500);
    }

    @Test
    void activationBuildsTheNodeAndDeletionFreesIt() throws Exception {
        HandleComponent a = start(1, node(1, "host.2.policy", "active"));
        HandleComponent b = start(2, node(2));
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).as("link 0 up both ways").isTrue();
        KnetHandle h = a.node().handle();
        assertThat(h.hostId()).isEqualTo(1);
        assertThat(h.hostGetName(2)).isEqualTo("node2");
        assertThat(h.hostGetPolicy(2)).isEqualTo(LinkPolicy.ACTIVE);
        assertThat(h.isForwarding()).isTrue();
        assertThat(h.linkGetPongCount(2, 0)).isEqualTo(2);
        assertThat(a.node().channel().channel()).isZero();
        assertThat(knet.handles()).contains(h);

        a.deactivate();
        assertThat(h.isOpen()).isFalse();
        assertThat(knet.handles()).doesNotContain(h);
        assertThat(a.node()).isNull();
        assertThat(Waits.until(UP, () -> !b.node().handle().linkGetStatus(1, 0).connected()))
                .as("the peer sees the link go down").isTrue();
        assertThat(refusedA).isEmpty();
    }

    @Test
    void addingALinkDoesNotDisturbTheOther() throws Exception {
        HandleComponent a = start(1, node(1));
        HandleComponent b = start(2, node(2));
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).isTrue();
        KnetHandle h = a.node().handle();
        java.util.concurrent.atomic.AtomicReference<String> wentDown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread watch = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (!h.linkGetStatus(2, 0).connected()) {
                        wentDown.compareAndSet(null, "link 0 down at " + System.nanoTime());
                    }
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                wentDown.compareAndSet(null, e.toString());
            }
        });
        long pongsBefore = h.linkGetStatus(2, 0).stats().rxPongPackets();
        long downsBefore = h.linkGetStatus(2, 0).stats().downCount();
        try (Traffic t = traffic(a, b)) {
            watch.start();
            Thread.sleep(300);
            a.modified(node(1, "link.2.1", 1));
            b.modified(node(2, "link.1.1", 1));
            assertThat(Waits.until(UP, () -> up(a, 2, 1) && up(b, 1, 1))).as("link 1 up").isTrue();
            Thread.sleep(300);
            t.stop(2000);
            watch.interrupt();
            watch.join(2000);
            assertThat(wentDown.get()).as("link 0 stayed up").isNull();
            assertThat(h.linkGetStatus(2, 0).stats().downCount()).isEqualTo(downsBefore);
            assertThat(h.linkGetStatus(2, 0).stats().rxPongPackets()).as("link 0 kept its counters")
                    .isGreaterThan(pongsBefore);
            assertThat(t.sent()).isGreaterThan(300);
            assertThat(t.refused()).isZero();
            assertThat(t.received()).as("every message arrived").isEqualTo(t.sent());
        }
        assertThat(a.node().handle()).isSameAs(h);
    }

    @Test
    void keyChangeRotatesThroughTheSecondSlotWithoutLoss() throws Exception {
        HandleComponent a = start(1, node(1, crypto(1)));
        HandleComponent b = start(2, node(2, crypto(1)));
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).isTrue();
        assertThat(Waits.until(UP, () -> a.node().handle().hostGetStatus(2).reachable()
                && b.node().handle().hostGetStatus(1).reachable())).isTrue();
        Thread.sleep(300); // a 1.25-style node checks reachability every 200 ms
        try (Traffic t = traffic(a, b)) {
            Thread.sleep(300);
            a.modified(node(1, crypto(2)));
            assertThat(a.node().rotating()).isTrue();
            Thread.sleep(100);
            b.modified(node(2, crypto(2)));
            assertThat(Waits.until(UP, () -> !a.node().rotating() && !b.node().rotating())).isTrue();
            assertThat(a.node().current().crypto().key()[0]).isEqualTo((byte) 2);
            // and once more: the third key goes back into slot 1
            a.modified(node(1, crypto(3)));
            Thread.sleep(100);
            b.modified(node(2, crypto(3)));
            assertThat(Waits.until(UP, () -> !a.node().rotating() && !b.node().rotating())).isTrue();
            Thread.sleep(300);
            t.stop(2000);
            assertThat(t.sent()).isGreaterThan(600);
            assertThat(t.refused()).isZero();
            assertThat(t.received()).as("every message arrived through both rotations").isEqualTo(t.sent());
        }
        assertThat(refusedA).isEmpty();
        assertThat(refusedB).isEmpty();
    }

    @Test
    void keyChangeOnOneSideOnlyStopsTraffic() throws Exception {
        // the counter-check of the rotation test: without the peer's key change, messages do get lost
        HandleComponent a = start(1, node(1, crypto(1)));
        HandleComponent b = start(2, node(2, crypto(1)));
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).isTrue();
        a.modified(node(1, crypto(2)));
        assertThat(Waits.until(UP, () -> !a.node().rotating())).isTrue();
        assertThat(Waits.until(UP, () -> !a.node().handle().linkGetStatus(2, 0).connected()))
                .as("node 2 cannot read node 1's pings any more").isTrue();
    }

    @Test
    void removingALinkAndAHostRemovesThem() throws Exception {
        HandleComponent a = start(1, node(1, "link.2.1", 1, "link.3.0", "udp:127.0.0.1:" + ports[2]));
        HandleComponent b = start(2, node(2, "link.1.1", 1));
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(a, 2, 1))).isTrue();
        KnetHandle h = a.node().handle();
        assertThat(h.hostList()).containsExactlyInAnyOrder(2, 3);
        a.modified(node(1));
        assertThat(h.hostList()).containsExactly(2);
        assertThat(h.linkList(2)).containsExactly(0);
        assertThat(h.linkGetStatus(2, 0).connected()).isTrue();
        assertThat(Waits.until(UP, () -> !b.node().handle().linkGetStatus(1, 1).connected())).isTrue();
        assertThat(refusedA).isEmpty();
    }

    @Test
    void invalidConfigurationIsRefusedAndTheLastGoodStateStays() throws Exception {
        HandleComponent a = start(1, node(1));
        HandleComponent b = start(2, node(2));
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).isTrue();
        HandleNode before = a.node();
        NodeConfig good = before.current();
        a.modified(node(1, "link.2.0", "udp:127.0.0.1:" + ports[0] + "->127.0.0.999:1", "link.2.1", 1));
        a.modified(node(1, "host.id", 70000));
        a.modified(node(1, "crypto.model", "rot13"));
        a.modified(node(1, "compress.model", "zlib", "compress.level", 42));
        assertThat(refusedA).extracting(InvalidConfigException::property)
                .containsExactly("link.2.0", "host.id", "crypto.model", "compress.level");
        assertThat(a.node()).isSameAs(before);
        assertThat(a.node().current()).isEqualTo(good);
        KnetHandle h = a.node().handle();
        assertThat(h.isOpen()).isTrue();
        assertThat(h.linkList(2)).containsExactly(0);
        assertThat(h.compressConfig().model()).isEqualTo("none");
        assertThat(h.linkGetStatus(2, 0).connected()).isTrue();
    }

    @Test
    void aChangeTheHandleRefusesIsRolledBack() throws Exception {
        HandleComponent a = start(1, node(1));
        HandleComponent b = start(2, node(2));
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).isTrue();
        NodeConfig good = a.node().current();
        KnetHandle h = a.node().handle();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                ports[1]))) {
            // link 1's source port is in use: the handle refuses it after link 0 was re-tuned and policy changed
            a.modified(node(1, "link.2.0", link(1, 0) + ";priority=7", "host.2.policy", "rr", "link.2.1", 1,
                    "pmtud.interval", 30));
        }
        assertThat(refusedA).singleElement().satisfies(e -> {
            assertThat(e.property()).isEqualTo("link.2.1");
            assertThat(e.getMessage()).contains("already in use");
        });
        assertThat(a.node().current()).isEqualTo(good);
        assertThat(h.linkList(2)).containsExactly(0);
        assertThat(h.linkGetPriority(2, 0)).isZero();
        assertThat(h.hostGetPolicy(2)).isEqualTo(LinkPolicy.PASSIVE);
        assertThat(h.pmtudGetFreq()).isEqualTo(60);
        assertThat(h.linkGetStatus(2, 0).connected()).isTrue();
    }

    @Test
    void aNewHostIdMakesANewHandle() throws Exception {
        HandleComponent a = start(1, node(1));
        KnetHandle old = a.node().handle();
        Map<String, Object> p = node(1, "host.id", 5);
        a.modified(p);
        assertThat(old.isOpen()).isFalse();
        assertThat(a.node().handle().hostId()).isEqualTo(5);
        assertThat(a.node().handle().linkList(2)).containsExactly(0);
        assertThat(refusedA).isEmpty();
    }

    @Test
    void aBadFirstConfigurationMakesNoHandleUntilAGoodOneComes() throws Exception {
        HandleComponent a = start(1, node(1, "crypto.model", "jce", "crypto.cipher", "aes256", "crypto.hash",
                "sha256", "crypto.key", "AAAA"));
        assertThat(a.node()).isNull();
        assertThat(refusedA).extracting(InvalidConfigException::property).containsExactly("crypto.key");
        a.modified(node(1));
        assertThat(a.node()).isNotNull();
        assertThat(a.node().handle().linkList(2)).containsExactly(0);
    }

    @Test
    void aCipherTheModelDoesNotKnowIsRefusedByTheHandle() throws Exception {
        HandleComponent a = start(1, node(1));
        NodeConfig good = a.node().current();
        a.modified(node(1, "crypto.model", "jce", "crypto.cipher", "rot13", "crypto.hash", "sha256", "crypto.key",
                key(1)));
        assertThat(refusedA).singleElement().satisfies(e -> assertThat(e.property()).isEqualTo("crypto.model"));
        assertThat(a.node().current()).isEqualTo(good);
    }

    @Test
    void aConfigurationWaitsForAPluginThatIsNotThereYet() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean installed = new java.util.concurrent.atomic.AtomicBoolean();
        // the engine as OSGi shows it before the JCE bundle has started: no jce model yet
        Knet late = (Knet) java.lang.reflect.Proxy.newProxyInstance(Knet.class.getClassLoader(),
                new Class<?>[] {Knet.class}, (proxy, method, args) -> {
                    if (method.getName().equals("cryptoList") && !installed.get()) {
                        return List.of();
                    }
                    try {
                        return method.invoke(knet, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        HandleComponent a = new HandleComponent(late, node(1, crypto(1)), refusedA::add);
        started.add(a);
        Thread.sleep(3 * HandleComponent.PLUGIN_RETRY_MS);
        assertThat(a.node()).isNull();
        assertThat(a.waiting()).isTrue();
        installed.set(true);
        assertThat(Waits.until(Duration.ofSeconds(5), () -> a.node() != null)).isTrue();
        assertThat(a.waiting()).isFalse();
        assertThat(a.node().current().crypto().model()).isEqualTo("jce");
        assertThat(refusedA).isEmpty();
    }

    @Test
    void deletionWhileWaitingStopsTheWait() throws Exception {
        Knet noUdp = (Knet) java.lang.reflect.Proxy.newProxyInstance(Knet.class.getClassLoader(),
                new Class<?>[] {Knet.class}, (proxy, method, args) -> method.getName().equals("transportList")
                        ? List.of() : method.invoke(knet, args));
        HandleComponent a = new HandleComponent(noUdp, node(1), refusedA::add);
        assertThat(a.waiting()).isTrue();
        a.deactivate();
        assertThat(a.waiting()).isFalse();
        Thread.sleep(3 * HandleComponent.PLUGIN_RETRY_MS);
        assertThat(a.node()).isNull();
    }

    @Test
    void settingsChangeLiveOnTheSameHandle() throws Exception {
        HandleComponent a = start(1, node(1, crypto(1)));
        KnetHandle h = a.node().handle();
        org.knet4j.api.DataChannel ch0 = a.node().channel();
        a.modified(node(1, "host.2.name", "peer", "host.2.policy", "rr", "pmtud.interval", 5, "pmtud.mtu", 1400,
                "log.level", "debug", "forwarding", false, "channel", 3, "link.2.0",
                link(1, 0) + ";priority=9", "crypto.model", null));
        assertThat(refusedA).isEmpty();
        assertThat(a.node().handle()).isSameAs(h);
        assertThat(h.hostGetName(2)).isEqualTo("peer");
        assertThat(h.hostGetPolicy(2)).isEqualTo(LinkPolicy.ROUND_ROBIN);
        assertThat(h.pmtudGetFreq()).isEqualTo(5);
        assertThat(h.logGetLevel(org.knet4j.api.LogSubsystem.TX)).isEqualTo(org.knet4j.api.LogLevel.DEBUG);
        assertThat(h.isForwarding()).isFalse();
        assertThat(h.linkGetPriority(2, 0)).isEqualTo(9);
        assertThat(a.node().channel().channel()).isEqualTo(3);
        assertThatClosed(ch0);
        assertThat(a.node().current().crypto().enabled()).isFalse();
        // back to no name: libknet's default, the decimal id
        a.modified(node(1, "host.2.name", null));
        assertThat(h.hostGetName(2)).isEqualTo("2");
        assertThat(a.node().channel().channel()).isZero();
    }

    private static void assertThatClosed(org.knet4j.api.DataChannel ch) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ch.send(new byte[1], 0, 1))
                .isInstanceOf(org.knet4j.api.KnetException.class);
    }

    /**
     * Node 1 takes host 2 on a dynamic link from its configuration. With access lists on (the default) and no
     * entries it accepts nobody; acl= entries let the peer in, are re-ordered live without losing a message, and
     * a list that rejects the peer takes the link down again. Turning access lists off needs no entries.
     */
    @Test
    void aDynamicLinkFromConfigurationFollowsItsAccessList() throws Exception {
        String dynamic = "udp:127.0.0.1:" + ports[0] + "->dynamic;ping=100/1000/2048;pong=2";
        HandleComponent a = start(1, node(1, "link.2.0", dynamic));
        HandleComponent b = start(2, node(2));
        Thread.sleep(1500);
        assertThat(up(b, 1, 0)).as("no entries: node 1 refuses node 2's pings").isFalse();
        assertThat(a.node().handle().getStats().rxAclRefusedPackets()).isPositive();

        a.modified(node(1, "link.2.0", dynamic + ";acl=reject:127.0.0.9 accept:127.0.0.0/255.0.0.0"));
        assertThat(refusedA).isEmpty();
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).as("accepted: link up").isTrue();
        try (Traffic t = traffic(a, b)) {
            Thread.sleep(300);
            a.modified(node(1, "link.2.0", dynamic + ";acl=accept:127.0.0.0/255.0.0.0 reject:127.0.0.9"));
            a.modified(node(1, "link.2.0", dynamic + ";acl=accept:127.0.0.1 accept:127.0.0.0/255.0.0.0"));
            Thread.sleep(300);
            t.stop(2000);
            assertThat(refusedA).isEmpty();
            assertThat(t.sent()).isGreaterThan(200);
            assertThat(t.received()).as("re-ordering the list lost nothing").isEqualTo(t.sent());
        }
        assertThat(a.node().handle().linkGetAcl(2, 0)).extracting(e -> e.first().getHostAddress())
                .containsExactly("127.0.0.1", "127.0.0.0");

        a.modified(node(1, "link.2.0", dynamic + ";acl=reject:127.0.0.1 accept:127.0.0.0/255.0.0.0"));
        assertThat(Waits.until(UP, () -> !up(b, 1, 0))).as("rejected: node 2 loses the link").isTrue();

        a.modified(node(1, "link.2.0", dynamic, "access.lists", false));
        assertThat(refusedA).isEmpty();
        assertThat(a.node().handle().linkGetAcl(2, 0)).isEmpty();
        assertThat(Waits.until(UP, () -> up(a, 2, 0) && up(b, 1, 0))).as("lists off: link up").isTrue();
    }
}
