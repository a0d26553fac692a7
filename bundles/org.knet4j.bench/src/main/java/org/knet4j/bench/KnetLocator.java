package org.knet4j.bench;

import java.lang.reflect.InvocationTargetException;
import org.knet4j.api.Knet;

/**
 * Builds the engine outside OSGi through {@code org.knet4j.core.Knet4j.create()}, called reflectively so that the
 * bundle does not import the core's (unexported) package: inside a framework the demo gets {@link Knet} as a
 * service, and only the command-line tools, run from the class path, come here.
 */
public final class KnetLocator {
    static final String FACTORY = "org.knet4j.core.Knet4j";

    private KnetLocator() {
    }

    /**
     * A new engine with the plugins found on the class path by ServiceLoader.
     *
     * @throws IllegalStateException if org.knet4j.core is not on the class path
     */
    public static Knet create() {
        try {
            Class<?> factory = Class.forName(FACTORY, true, KnetLocator.class.getClassLoader());
            return (Knet) factory.getMethod("create").invoke(null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("org.knet4j.core is not on the class path (" + FACTORY + ")", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Knet4j.create() failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot call " + FACTORY + ".create(): " + e, e);
        }
    }
}
