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
                "knet4j-crypto-bouncycastle");

        String install = karaf.client("feature:install knet4j", 240);
        assertThat(install).as(karaf.logs()).doesNotContain("Error", "Unable to resolve");

        String installed = karaf.client("feature:list -i", 60);
        assertThat(installed).contains("knet4j-core", "knet4j-transport-udp", "knet4j-crypto-jce",
                "knet4j-crypto-bouncycastle");

        String bundles = karaf.client("bundle:list -s", 60);
        List<String> ours = KarafInstance.lines(bundles, "^.*org\\.knet4j\\..*$");
        assertThat(ours).as(bundles).hasSizeGreaterThanOrEqualTo(6);
        assertThat(ours).as(bundles).allMatch(l -> l.contains("Active"));

        List<String> components = ourComponents();
        assertThat(components).as("knet4j components in scr:list").contains(
                "org.knet4j.core.internal.KnetComponent",
                "org.knet4j.transport.udp.internal.UdpTransport",
                "org.knet4j.crypto.jce.internal.JceCryptoProvider",
                "org.knet4j.crypto.bouncycastle.internal.BouncyCastleCryptoProvider");
        for (String name : components) {
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
}
