package org.knet4j.config.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.knet4j.api.Knet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code org.knet4j.handle} factory configuration = one knet handle. Activation builds the handle, a change
 * applies the difference live, deleting the configuration frees it. A configuration that is invalid, or that the
 * handle refuses, is logged as an error naming the property and ignored: the last good state stays in force
 * (if the first configuration is bad there is no handle until a good one comes). A configuration that needs a
 * transport, crypto or compression plugin the engine does not have yet waits for it (tried again every
 * {@value #PLUGIN_RETRY_MS} ms), since plugin bundles may start after this one.
 */
@Component(configurationPid = HandleConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = HandleConfiguration.class, factory = true)
public final class HandleComponent {
    private static final Logger LOG = LoggerFactory.getLogger(HandleComponent.class);

    /** How often a configuration waiting for a plugin is tried again. */
    static final long PLUGIN_RETRY_MS = 200;
    /** After this long, a wait for a plugin is worth a warning (a bundle is missing, not just starting). */
    static final long PLUGIN_WARN_MS = 15_000;

    private final Knet knet;
    private final Consumer<InvalidConfigException> refusals;
    private HandleNode node;
    private String pid;
    private ScheduledExecutorService retries;
    private ScheduledFuture<?> retry;
    private boolean stopped;

    @Activate
    public HandleComponent(@Reference(name = "knet") Knet knet, Map<String, Object> props) {
        this(knet, props, null);
    }

    /** For tests: {@code refusals} sees every refused configuration (after it is logged). */
    HandleComponent(Knet knet, Map<String, ?> props, Consumer<InvalidConfigException> refusals) {
        this.knet = knet;
        this.refusals = refusals;
        configure(props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        configure(props);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            stopped = true;
            cancelRetry();
            if (retries != null) {
                retries.shutdownNow();
            }
            if (node != null) {
                LOG.info("{}: freeing the handle of host {}", pid, node.handle().hostId());
                node.close();
                node = null;
            }
        }
    }

    /** The node, or {@code null} while no good configuration has come. */
    synchronized HandleNode node() {
        return node;
    }

    /** True while a configuration waits for a plugin. */
    synchronized boolean waiting() {
        return retry != null;
    }

    private synchronized void configure(Map<String, ?> props) {
        if (stopped) {
            return;
        }
        cancelRetry();
        Object servicePid = props.get("service.pid");
        pid = servicePid != null ? servicePid.toString() : HandleConfiguration.FACTORY_PID;
        NodeConfig next = null;
        try {
            next = ConfigParser.parse(props);
            List<String> missing = Plugins.missing(knet, next);
            if (!missing.isEmpty()) {
                LOG.info("{}: waiting for {} before applying the configuration", pid, missing);
                waitForPlugins(props, next);
                return;
            }
            if (node != null && node.current().hostId() != next.hostId()) {
                // a host id is fixed for a handle's life, and the new handle may need the old one's ports
                NodeConfig old = node.current();
                node.close();
                node = null;
                try {
                    node = HandleNode.open(knet, next);
                } catch (InvalidConfigException e) {
                    node = HandleNode.open(knet, old);
                    throw e;
                }
            } else if (node != null) {
                node.update(next);
            } else {
                node = HandleNode.open(knet, next);
            }
            LOG.info("{}: host {} configured ({} hosts)", pid, next.hostId(), next.hosts().size());
        } catch (InvalidConfigException e) {
            List<String> missing = next == null ? List.of() : Plugins.missing(knet, next);
            if (!missing.isEmpty()) {
                // a plugin went away while the configuration was applied (its bundle restarting): wait for it
                LOG.warn("{}: {} went away while applying the configuration; waiting for it", pid, missing);
                waitForPlugins(props, next);
                return;
            }
            LOG.error("{}: configuration refused, property {}: {}; {}", pid, e.property(), e.getMessage(),
                    node == null ? "no handle until a valid configuration comes" : "the last good state stays in force");
            if (refusals != null) {
                refusals.accept(e);
            }
        }
    }

    private void waitForPlugins(Map<String, ?> props, NodeConfig next) {
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "knet4j-config-wait");
                t.setDaemon(true);
                return t;
            });
        }
        long since = System.nanoTime();
        boolean[] warned = {false};
        retry = retries.scheduleWithFixedDelay(() -> {
            synchronized (this) {
                if (retry == null || stopped) {
                    return;
                }
                List<String> missing = Plugins.missing(knet, next);
                if (missing.isEmpty()) {
                    configure(props);
                } else if (!warned[0] && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(PLUGIN_WARN_MS)) {
                    warned[0] = true;
                    LOG.warn("{}: still waiting for {} after {} s: is its bundle installed?", pid, missing,
                            PLUGIN_WARN_MS / 1000);
                }
            }
        }, PLUGIN_RETRY_MS, PLUGIN_RETRY_MS, TimeUnit.MILLISECONDS);
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
