package org.knet4j.core.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
    private final Consumer<T> added;
    private final Consumer<T> removed;
    private final Map<ComponentServiceObjects<T>, T> held = new ConcurrentHashMap<>();

    /** {@code added} and {@code removed} tell the engine's registry; a plugin that cannot start reaches neither. */
    PluginBindings(String kind, Consumer<T> added, Consumer<T> removed) {
        this.kind = kind;
        this.added = added;
        this.removed = removed;
    }

    /** Get the plugin's service and hand it to the engine; log and skip a plugin whose service cannot be had. */
    void bind(ComponentServiceObjects<T> objects) {
        T service;
        try {
            service = objects.getService();
        } catch (RuntimeException e) {
            LOG.error("{} plugin {} failed to start, the engine goes on without it: {}", kind,
                    describe(objects), e.toString());
            return;
        }
        if (service == null) {
            LOG.error("{} plugin {} failed to start (no service object), the engine goes on without it", kind,
                    describe(objects));
            return;
        }
        held.put(objects, service);
        added.accept(service);
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

    /** Take the plugin out of the engine, then release its service (a plugin never bound is ignored). */
    void unbind(ComponentServiceObjects<T> objects) {
        T service = held.remove(objects);
        if (service != null) {
            removed.accept(service); // the engine stops using it before its bundle may dispose of it
            try {
                objects.ungetService(service);
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.debug("{} plugin {} already released: {}", kind, objects.getServiceReference(), e.toString());
            }
        }
    }
}
