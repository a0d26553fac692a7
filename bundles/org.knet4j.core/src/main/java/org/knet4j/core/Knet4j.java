package org.knet4j.core;

import java.util.ServiceLoader;
import org.knet4j.api.Knet;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.transport.Transport;

/**
 * knet4j outside OSGi: builds the engine with the plugins found on the class path by {@link ServiceLoader}
 * ({@code META-INF/services/org.knet4j.spi.*}). Inside OSGi, use the {@link Knet} service instead.
 */
public final class Knet4j {
    private Knet4j() {
    }

    /** An engine with every transport, crypto and compression plugin on the class path. */
    public static Knet create() {
        return create(Knet4j.class.getClassLoader());
    }

    /**
     * Free every handle of an engine made by {@link #create()} and stop its plugins' threads (a transport that is
     * {@link AutoCloseable} is closed). The engine is unusable afterwards.
     */
    public static void shutdown(Knet knet) {
        if (knet instanceof KnetImpl k) {
            k.closeAll();
            for (Transport t : k.plugins().transports()) {
                k.plugins().removeTransport(t);
                if (t instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        org.slf4j.LoggerFactory.getLogger(Knet4j.class).warn("closing transport {}", t.name(), e);
                    }
                }
            }
        }
    }

    public static Knet create(ClassLoader loader) {
        KnetImpl knet = new KnetImpl();
        for (Transport t : ServiceLoader.load(Transport.class, loader)) {
            knet.plugins().addTransport(t);
        }
        for (CryptoProvider p : ServiceLoader.load(CryptoProvider.class, loader)) {
            knet.plugins().addCrypto(p);
        }
        for (Compressor c : ServiceLoader.load(Compressor.class, loader)) {
            knet.plugins().addCompressor(c);
        }
        return knet;
    }
}
