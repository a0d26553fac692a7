package org.knet4j.spi.crypto;

import java.util.Set;
import org.knet4j.api.KnetException;

/**
 * A crypto model (libknet's {@code crypto_model.h}). The engine picks a provider per handle by the model name of
 * {@link org.knet4j.api.CryptoConfig}.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface CryptoProvider {
    /** The service property carrying {@link #model()}. */
    String MODEL_PROPERTY = "knet.crypto.model";

    /** This provider's own model name, e.g. "bouncycastle". */
    String model();

    /** Other model names this provider serves with the same wire format, e.g. "openssl", "nss". */
    Set<String> aliases();

    /**
     * Build an engine for one slot.
     *
     * @throws KnetException EINVAL (cipher without hash, bad key length), ENXIO (unknown cipher or hash)
     */
    CryptoEngine create(String cipher, String hash, byte[] key) throws KnetException;
}
