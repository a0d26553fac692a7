package org.knet4j.bench.demo;

import org.knet4j.api.Knet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo as the product's main job: when the framework property {@value #ENABLE_PROPERTY} is "true" (the launch
 * module sets it), two nodes on 127.0.0.1 link up over UDP and exchange messages for a few seconds, printing link
 * status, latency and throughput; then they stay linked until the bundle stops. Otherwise, or when
 * {@value #CONFIG_PROPERTY} names a node configuration to run instead, the component does nothing.
 * {@value #RATE_PROPERTY} may cap the messages per second each way (default: 5000; 0 sends unpaced).
 */
@Component(immediate = true)
public final class DemoNode {
    public static final String ENABLE_PROPERTY = "knet4j.demo";
    public static final String RATE_PROPERTY = "knet4j.demo.rate";
    /** A node configuration file (the org.knet4j.config bundle runs it): the launch jar then runs that, no demo. */
    public static final String CONFIG_PROPERTY = "knet4j.config";

    private static final Logger LOG = LoggerFactory.getLogger(DemoNode.class);

    private final DemoRun run;

    @Activate
    public DemoNode(@Reference(name = "knet") Knet knet, BundleContext context) {
        if (!"true".equals(context.getProperty(ENABLE_PROPERTY))) {
            LOG.debug("{} is not \"true\": the demo stays off", ENABLE_PROPERTY);
            run = null;
            return;
        }
        String config = context.getProperty(CONFIG_PROPERTY);
        if (config != null && !config.isBlank()) {
            LOG.debug("{}={}: a configured node runs instead of the demo", CONFIG_PROPERTY, config);
            run = null;
            return;
        }
        run = new DemoRun(knet, rate(context.getProperty(RATE_PROPERTY)));
        run.start(); // returns at once: the demo has its own thread
    }

    @Deactivate
    void deactivate() {
        if (run != null) {
            run.close();
        }
    }

    /**
     * The demo's default pace each way: enough to show real throughput and latency on a 2-core machine while the
     * heartbeat stays responsive ("0" asks for unpaced traffic, a stress test rather than a demo).
     */
    static final int DEFAULT_RATE = 5000;

    static int rate(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_RATE;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a number of messages per second; sending unpaced", RATE_PROPERTY, value);
            return 0;
        }
    }
}
