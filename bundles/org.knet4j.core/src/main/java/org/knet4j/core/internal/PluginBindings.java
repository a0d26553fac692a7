package org.knet4j.core.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin services of one kind that the engine holds. The engine gets each service itself, rather than letting
 * SCR do it, so that a plugin that fails to deliver its service (its component throws on activation) is logged
 * with its cause, and the engine simply goes on without it.
 */
final class PluginBindings<T> {
    private static final Logger LOG = LoggerFactory.getLogger(PluginBindings.class);

    private final String kind;
    private final Map<ComponentServiceObjects<T>, T> held = new ConcurrentHashMap<>();

    PluginBindings(String kind) {
        this.kind = kind;
    }

    /** The plugin's service, or null (logged) when it cannot be had. */
    T bind(ComponentServiceObjects<T> objects) {
        T service;
        try {
            service = objects.getService();
        } catch (RuntimeException e) {
            LOG.error("{} plugin {} failed to start, the engine goes on without it: {}", kind,
                    describe(objects), e.toString());
            return null;
        }
        if (service == null) {
            LOG.error("{} plugin {} failed to start (no service object), the engine goes on without it", kind,
                    describe(objects));
            return null;
        }
        held.put(objects, service);
        return service;
    }

    /** The service's bundle and properties, e.g. {@code bundle org.x [12] {knet.compress.model=lzma, ...}}. */
    private static String describe(ComponentServiceObjects<?> objects) {
        ServiceReference<?> ref = objects.getServiceReference();
        Map<String, Object> props = new TreeMap<>();
        for (String key : ref.getPropertyKeys()) {
            if (!key.equals("objectClass")) {
                props.put(key, ref.getProperty(key));
            }
        }
        Bundle b = ref.getBundle();
        return "of bundle " + (b == null ? "(gone)" : b.getSymbolicName() + " [" + b.getBundleId() + "]") + " "
                + props;
    }

    /** The service bound for these objects (then released), or null if it never was. */
    T unbind(ComponentServiceObjects<T> objects) {
        T service = held.remove(objects);
        if (service != null) {
            try {
                objects.ungetService(service);
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.debug("{} plugin {} already released: {}", kind, objects.getServiceReference(), e.toString());
            }
        }
        return service;
    }
}
