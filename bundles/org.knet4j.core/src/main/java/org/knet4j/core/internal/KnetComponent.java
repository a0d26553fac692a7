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

    @Deactivate
    void deactivate() {
        engine.closeAll();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTransport(Transport t) {
        engine.plugins().addTransport(t);
    }

    void removeTransport(Transport t) {
        engine.plugins().removeTransport(t);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCrypto(CryptoProvider p) {
        engine.plugins().addCrypto(p);
    }

    void removeCrypto(CryptoProvider p) {
        engine.plugins().removeCrypto(p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCompressor(Compressor c) {
        engine.plugins().addCompressor(c);
    }

    void removeCompressor(Compressor c) {
        engine.plugins().removeCompressor(c);
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
