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
    private final PluginBindings<Transport> transports = new PluginBindings<>("transport",
            engine.plugins()::addTransport, engine.plugins()::removeTransport);
    private final PluginBindings<CryptoProvider> crypto = new PluginBindings<>("crypto",
            engine.plugins()::addCrypto, engine.plugins()::removeCrypto);
    private final PluginBindings<Compressor> compressors = new PluginBindings<>("compression",
            engine.plugins()::addCompressor, engine.plugins()::removeCompressor);

    @Deactivate
    void deactivate() {
        engine.closeAll();
    }

    @Reference(service = Transport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTransport")
    void addTransport(ComponentServiceObjects<Transport> objects) {
        transports.bind(objects);
    }

    void removeTransport(ComponentServiceObjects<Transport> objects) {
        transports.unbind(objects);
    }

    @Reference(service = CryptoProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCrypto")
    void addCrypto(ComponentServiceObjects<CryptoProvider> objects) {
        crypto.bind(objects);
    }

    void removeCrypto(ComponentServiceObjects<CryptoProvider> objects) {
        crypto.unbind(objects);
    }

    @Reference(service = Compressor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeCompressor")
    void addCompressor(ComponentServiceObjects<Compressor> objects) {
        compressors.bind(objects);
    }

    void removeCompressor(ComponentServiceObjects<Compressor> objects) {
        compressors.unbind(objects);
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
