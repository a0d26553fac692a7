package org.knet4j.bench.demo;

import java.util.concurrent.TimeUnit;
import org.knet4j.api.Knet;
import org.knet4j.bench.KnetLocator;

/**
 * The demo outside OSGi, for a quick try:
 * {@code java -cp bundles/org.knet4j.bench/target/knet4j-peer.jar org.knet4j.bench.demo.DemoMain [RATE]}.
 * Runs the traffic phase, then frees the nodes and exits. RATE: messages per second each way (default
 * {@value DemoNode#DEFAULT_RATE}, 0 = unpaced).
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rate = DemoNode.rate(args.length > 0 ? args[0] : null);
        Knet knet = KnetLocator.create();
        DemoRun run = new DemoRun(knet, rate);
        Runtime.getRuntime().addShutdownHook(new Thread(run::close, "knet4j-demo-stop"));
        run.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DemoRun.SETUP_TIMEOUT_MS / 1000
                + DemoRun.LINK_TIMEOUT_MS / 1000 + DemoRun.TRAFFIC_SECONDS + 10);
        while (!run.trafficDone() && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        run.close();
        System.exit(0);
    }
}
