package org.knet4j.core.internal;

import java.util.List;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.TransportInfo;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.transport.Transport;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The OSGi face of the engine: registers {@link Knet} and follows plugins as they come and go (dynamic, greedy,
 * multiple references), so a transport, crypto or compression bundle can be swapped while handles run.
 */
@Component(service = Knet.class, immediate = true)
public final class KnetComponent implements Knet {
    private final KnetImpl engine = new KnetImpl();
    private final PluginBindings<Transport> transports = new PluginBindings<>("transport");
    private final PluginBindings<CryptoProvider> crypto = new PluginBindings<>("crypto");
    private final PluginBindings<Compressor> compressors = new PluginBindings<>("compression");

    @Deactivate
    void deactivate() {
        engine.closeAll();
    }

    @Reference(service = Transport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTransport")
    void addTransport(ComponentServiceObjects<Transport> objects) {
        Transport t = transports.bind(objects);
        if (t != null) {
            engine.plugins().addTransport(t);
        }
    }

    void removeTransport(ComponentServiceObjects<Transport> objects) {
        Transport t = transports.unbind(objects);
        if (t != null) {
            engine.plugins().removeTransport(t);
        }
    }

    @Reference(service = CryptoProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCrypto")
    void addCrypto(ComponentServiceObjects<CryptoProvider> objects) {
        CryptoProvider p = crypto.bind(objects);
        if (p != null) {
            engine.plugins().addCrypto(p);
        }
    }

    void removeCrypto(ComponentServiceObjects<CryptoProvider> objects) {
        CryptoProvider p = crypto.unbind(objects);
        if (p != null) {
            engine.plugins().removeCrypto(p);
        }
    }

    @Reference(service = Compressor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeCompressor")
    void addCompressor(ComponentServiceObjects<Compressor> objects) {
        Compressor c = compressors.bind(objects);
        if (c != null) {
            engine.plugins().addCompressor(c);
        }
    }

    void removeCompressor(ComponentServiceObjects<Compressor> objects) {
        Compressor c = compressors.unbind(objects);
        if (c != null) {
            engine.plugins().removeCompressor(c);
        }
    }

    @Override
    public KnetHandle newHandle(HandleOptions options) throws KnetException {
        return engine.newHandle(options);
    }

    @Override
    public List<KnetHandle> handles() {
        return engine.handles();
    }

    @Override
    public List<TransportInfo> transportList() {
        return engine.transportList();
    }

    @Override
    public String transportNameById(int id) throws KnetException {
        return engine.transportNameById(id);
    }

    @Override
    public int transportIdByName(String name) throws KnetException {
        return engine.transportIdByName(name);
    }

    @Override
    public List<String> cryptoList() {
        return engine.cryptoList();
    }

    @Override
    public List<String> compressList() {
        return engine.compressList();
    }
}
