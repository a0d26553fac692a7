package org.knet4j.bench.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knet4j.api.Knet;
import org.knet4j.bench.testing.TestKnets;
import org.osgi.framework.BundleContext;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemoNodeTest {
    /** A BundleContext that only answers getProperty, from {@code properties}. */
    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(DemoNodeTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new AssertionError("the demo called BundleContext." + method.getName() + ", which this test does not expect");
                });
    }

    @Test
    void offUnlessTheFrameworkPropertySaysTrue() {
        Knet knet = TestKnets.newKnet();
        DemoNode off = new DemoNode(knet, context(Map.of()));
        DemoNode no = new DemoNode(knet, context(Map.of(DemoNode.ENABLE_PROPERTY, "yes")));
        DemoNode configured = new DemoNode(knet, context(Map.of(DemoNode.ENABLE_PROPERTY, "true",
                DemoNode.CONFIG_PROPERTY, "launch/node1.json")));
        assertThat(knet.handles()).isEmpty();
        off.deactivate();
        no.deactivate();
        configured.deactivate();
    }

    @Test
    void runsTheDemoAndStopsQuickly() throws Exception {
        Knet knet = TestKnets.newKnet();
        DemoNode node = new DemoNode(knet, context(Map.of(DemoNode.ENABLE_PROPERTY, "true",
                DemoNode.RATE_PROPERTY, "2000")));
        long deadline = System.currentTimeMillis() + 10_000;
        while (knet.handles().size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(knet.handles()).hasSize(2);
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        node.deactivate();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3000);
        assertThat(knet.handles()).isEmpty();
    }

    @Test
    void demoRunExchangesTrafficBothWays() throws Exception {
        Knet knet = TestKnets.newKnet();
        try (DemoRun run = new DemoRun(knet, DemoNode.DEFAULT_RATE)) {
            run.start();
            long deadline = System.currentTimeMillis() + 40_000;
            while (!run.trafficDone() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(run.trafficDone()).isTrue();
            assertThat(run.received(DemoRun.NODE_A)).isPositive();
            assertThat(run.received(DemoRun.NODE_B)).isPositive();
            // heartbeat only now: the nodes stay linked
            assertThat(knet.handles()).hasSize(2);
            assertThat(knet.handles().get(0).hostGetStatus(DemoRun.NODE_B).reachable()).isTrue();
        }
        assertThat(knet.handles()).isEmpty();
    }

    @Test
    void rateProperty() {
        assertThat(DemoNode.rate(null)).isEqualTo(DemoNode.DEFAULT_RATE);
        assertThat(DemoNode.rate(" 500 ")).isEqualTo(500);
        assertThat(DemoNode.rate("0")).isZero();
        assertThat(DemoNode.rate("-3")).isZero();
        assertThat(DemoNode.rate("fast")).isZero();
    }
}
