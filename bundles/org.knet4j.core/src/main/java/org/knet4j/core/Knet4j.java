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
