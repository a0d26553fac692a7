package org.knet4j.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Installs knet4j's features in a real Apache Karaf 4.4 (unpacked from Maven Central by the build, resolving
 * bundles from target/repo only) and checks what a Karaf user would: the features install, every knet4j bundle
 * is active and every Declarative Services component is ACTIVE.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class KarafFeaturesIT {
    private static final String HANDLE_COMPONENT = "org.knet4j.config.internal.HandleComponent";
    private static KarafInstance karaf;

    @BeforeAll
    static void startKaraf() throws Exception {
        Path home = Path.of(System.getProperty("knet4j.karaf.home"));
        Path repo = Path.of(System.getProperty("knet4j.karaf.repo"));
        karaf = KarafInstance.prepare(home, repo);
        karaf.start();
        // the console answers once Karaf has booted its own features
        karaf.client("feature:list -i", 180);
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    @Order(1)
    void featuresInstallAndEveryComponentIsActive() throws Exception {
        Path features = Path.of(System.getProperty("knet4j.features"));
        assertThat(features).exists();
        karaf.client("feature:repo-add " + features.toUri(), 60);
        String available = karaf.client("feature:list", 60);
        assertThat(available).contains("knet4j-core", "knet4j-transport-udp", "knet4j-crypto-jce",
                "knet4j-crypto-bouncycastle", "knet4j-config", "knet4j-shell", "knet4j-jmx");

        String install = karaf.client("feature:install knet4j", 240);
        assertThat(install).as(karaf.logs()).doesNotContain("Error", "Unable to resolve");

        String installed = karaf.client("feature:list -i", 60);
        assertThat(installed).contains("knet4j-core", "knet4j-transport-udp", "knet4j-crypto-jce",
                "knet4j-crypto-bouncycastle", "knet4j-config", "knet4j-shell", "knet4j-jmx");

        String bundles = karaf.client("bundle:list -s", 60);
        List<String> ours = KarafInstance.lines(bundles, "^.*org\\.knet4j\\..*$");
        assertThat(ours).as(bundles).hasSizeGreaterThanOrEqualTo(9);
        assertThat(ours).as(bundles).allMatch(l -> l.contains("Active"));

        List<String> components = ourComponents();
        assertThat(components).as("knet4j components in scr:list").contains(
                "org.knet4j.core.internal.KnetComponent",
                "org.knet4j.transport.udp.internal.UdpTransport",
                "org.knet4j.crypto.jce.internal.JceCryptoProvider",
                "org.knet4j.crypto.bouncycastle.internal.BouncyCastleCryptoProvider");
        // a delayed component (a service nobody has used yet) is SATISFIED until first use: use the commands first.
        // Gogo commands return their text; over an SSH exec channel Karaf prints a result only through a pipe.
        String handles = karaf.client("knet:handles | grep .", 60);
        assertThat(handles).as(handles).contains("no handles");
        for (String name : components) {
            if (name.equals(HANDLE_COMPONENT)) {
                continue; // one instance per configuration: checked with a configuration below
            }
            assertThat(componentStates(name)).as("states of %s", name).isNotEmpty().containsOnly("ACTIVE");
        }

        String service = karaf.client("service:list org.knet4j.api.Knet", 60);
        assertThat(service).as(service).contains("org.knet4j.api.Knet");
        assertThat(Files.readString(karaf.home().resolve("data/log/karaf.log"))).doesNotContain("LEAK:");
    }

    /**
     * Our components' names from {@code scr:list}. Felix SCR's command returns objects, which Karaf prints over
     * an SSH exec channel only when they go through a pipe; its lines read
     * {@code NAME in bundle N (BSN:VERSION) enabled, 1 instance.}
     */
    private static List<String> ourComponents() throws Exception {
        String out = karaf.client("scr:list | grep org.knet4j", 60);
        return KarafInstance.lines(out, "^org\\.knet4j\\.\\S+").stream().distinct().toList();
    }

    /** The {@code State:} of each configuration of a component ({@code scr:info}), waiting up to 30 s for ACTIVE. */
    private static List<String> componentStates(String name) throws Exception {
        List<String> states = List.of();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String out = karaf.client("scr:info " + name + " | grep State:", 60);
            states = KarafInstance.lines(out, "(?<=State:)\\s*\\S+").stream().map(String::trim).toList();
            if (!states.isEmpty() && states.stream().allMatch("ACTIVE"::equals)) {
                break;
            }
            Thread.sleep(500);
        }
        return states;
    }

    /**
     * What a Karaf user does to run a node: drop a factory configuration into etc/ (Karaf's file install turns
     * {@code org.knet4j.handle-NAME.cfg} into a configuration of the factory PID). The handle it creates links up
     * with a second node (our peer tool as host 2), and deleting the file frees the handle again.
     */
    @Test
    @Order(2)
    void aConfigurationDroppedIntoEtcCreatesAHandleThatLinksUpWithAPeer() throws Exception {
        int[] ports = PeerProcess.freeUdpPorts(2);
        try (PeerProcess peer = PeerProcess.echo(Path.of(System.getProperty("knet4j.peer.jar")), 2, 1,
                ports[1], ports[0], karaf.home().resolve("peer.log"))) {
            Path cfg = karaf.home().resolve("etc/org.knet4j.handle-itest.cfg");
            Files.writeString(cfg, String.join("\n",
                    "host.id = 1",
                    "forwarding = true",
                    "channel = 0",
                    "host.2.name = peer",
                    "link.2.0 = udp:127.0.0.1:" + ports[0] + "->127.0.0.1:" + ports[1]
                            + ";priority=1;ping=100/1000/2048;pong=2",
                    ""));
            assertThat(peer.awaitLine("HOST 1 reachable=1", 90_000))
                    .as("the peer sees the Karaf node\n%s\n%s", peer.output(), karaf.logs()).isTrue();
            assertThat(componentStates(HANDLE_COMPONENT)).containsOnly("ACTIVE");
            String hosts = karaf.client("knet:hosts 1 | grep .", 60);
            assertThat(KarafInstance.lines(hosts, "^\\s*1\\s+2\\s+peer\\s.*$")).as(hosts).hasSize(1);
            String links = karaf.client("knet:links 1 | grep .", 60);
            assertThat(KarafInstance.lines(links, "^\\s*1\\s+2\\s+0\\s+up\\s.*$")).as(links).hasSize(1);

            Files.delete(cfg);
            assertThat(peer.awaitLine("HOST 1 reachable=0", 60_000))
                    .as("freed when the configuration goes\n%s", peer.output()).isTrue();
            String handles = karaf.client("knet:handles | grep .", 60);
            assertThat(KarafInstance.lines(handles, "^\\s*1\\s.*$")).as(handles).isEmpty();
        }
    }
}
