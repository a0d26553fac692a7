package org.knet4j.jmx.internal;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import org.knet4j.api.Knet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the Knet service's handles and links as MXBeans in the platform MBeanServer and keeps them in step by
 * polling (there is no handle-created or link-added event in the API). Polls run on one named daemon thread; a
 * failed poll is logged and the next one runs as usual. Stopping the component unregisters every MBean it made.
 */
@Component(configurationPid = JmxComponent.PID, immediate = true, service = {})
@Designate(ocd = JmxConfig.class)
public final class JmxComponent {
    static final String PID = "org.knet4j.jmx";
    static final long DEFAULT_POLL_MS = 1000;
    static final long MIN_POLL_MS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(JmxComponent.class);

    private final MBeanPublisher publisher;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "knet4j-jmx");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> polling;

    @Activate
    public JmxComponent(@Reference Knet knet, JmxConfig config) {
        this(knet, ManagementFactory.getPlatformMBeanServer(), config.pollIntervalMs());
    }

    JmxComponent(Knet knet, MBeanServer server, long pollMs) {
        this.publisher = new MBeanPublisher(knet, server);
        schedule(pollMs);
    }

    @Modified
    void modified(JmxConfig config) {
        schedule(config.pollIntervalMs());
    }

    private synchronized void schedule(long pollMs) {
        long every = Math.max(MIN_POLL_MS, pollMs);
        if (every != pollMs) {
            LOG.warn("pollIntervalMs {} is below {}; polling every {} ms", pollMs, MIN_POLL_MS, every);
        }
        if (polling != null) {
            polling.cancel(false);
        }
        polling = timer.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            publisher.sync();
        } catch (RuntimeException e) {
            LOG.warn("JMX poll failed; trying again at the next interval", e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("the JMX poll thread did not stop within 5 s");
        }
        publisher.clear();
    }

    MBeanPublisher publisher() {
        return publisher;
    }
}
