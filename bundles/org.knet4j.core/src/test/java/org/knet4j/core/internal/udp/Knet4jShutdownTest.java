package org.knet4j.core.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetHandle;
import org.knet4j.core.Knet4j;
import org.knet4j.core.testing.Nodes;

/** Outside OSGi, shutting the engine down frees its handles and leaves no thread of ours behind. */
class Knet4jShutdownTest {
    private static long ourThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void noThreadSurvivesShutdown() throws Exception {
        long before = ourThreads("knet4j-"); // other test classes in this JVM may still be winding down
        Knet knet = Knet4j.create();
        KnetHandle a = Nodes.node(knet, 1);
        KnetHandle b = Nodes.node(knet, 2);
        Nodes.link(a, 2, 0, Nodes.local(0), Nodes.local(9));
        a.openChannel(0);
        b.openChannel(0);
        assertThat(ourThreads("knet4j-")).isGreaterThan(before);
        Knet4j.shutdown(knet);
        assertThat(knet.handles()).isEmpty();
        assertThat(a.isOpen()).isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ourThreads("knet4j-") > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ourThreads("knet4j-")).isLessThanOrEqualTo(before);
    }
}
