package org.knet4j.config.internal;

import java.util.Map;
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
 * (if the first configuration is bad there is no handle until a good one comes).
 */
@Component(configurationPid = HandleConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = HandleConfiguration.class, factory = true)
public final class HandleComponent {
    private static final Logger LOG = LoggerFactory.getLogger(HandleComponent.class);

    private final Knet knet;
    private final Consumer<InvalidConfigException> refusals;
    private HandleNode node;
    private String pid;

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

    private synchronized void configure(Map<String, ?> props) {
        Object servicePid = props.get("service.pid");
        pid = servicePid != null ? servicePid.toString() : HandleConfiguration.FACTORY_PID;
        try {
            NodeConfig next = ConfigParser.parse(props);
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
            LOG.error("{}: configuration refused, property {}: {}; {}", pid, e.property(), e.getMessage(),
                    node == null ? "no handle until a valid configuration comes" : "the last good state stays in force");
            if (refusals != null) {
                refusals.accept(e);
            }
        }
    }
}
