package org.knet4j.spi.crypto.framing;

import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;

/**
 * A crypto provider speaking libknet 1.25's openssl/nss wire format. It answers to its own model name and to the
 * names "openssl" and "nss" that corosync configurations use (the bytes on the wire are the same), checks a
 * configuration as libknet does, and builds a {@link LibknetCryptoEngine} over the subclass's primitives.
 */
@org.osgi.annotation.versioning.ConsumerType
public abstract class LibknetCryptoProvider implements CryptoProvider {
    private static final Set<String> ALIASES =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of("openssl", "nss")));

    private final String model;

    protected LibknetCryptoProvider(String model) {
        this.model = model;
    }

    @Override
    public final String model() {
        return model;
    }

    @Override
    public final Set<String> aliases() {
        return ALIASES;
    }

    /**
     * @throws KnetException EINVAL for a null argument, a key outside 128..4096 bytes, a cipher with hash "none",
     *                       or cipher and hash both "none" (nothing to do: such a configuration clears a slot);
     *                       ENXIO for a cipher or hash name libknet does not know, or one this provider's library
     *                       cannot provide (e.g. MD5 under a FIPS-only JDK)
     */
    @Override
    public final CryptoEngine create(String cipher, String hash, byte[] key) throws KnetException {
        if (cipher == null || hash == null || key == null) {
            throw new KnetException(KnetError.EINVAL, "cipher, hash and key must not be null");
        }
        if (key.length < CryptoConfig.MIN_KEY_LEN || key.length > CryptoConfig.MAX_KEY_LEN) {
            throw new KnetException(KnetError.EINVAL, "crypto key of " + key.length + " bytes is outside "
                    + CryptoConfig.MIN_KEY_LEN + ".." + CryptoConfig.MAX_KEY_LEN);
        }
        CipherKind c = CryptoNames.cipher(cipher);
        HashKind h = CryptoNames.hash(hash);
        if (h == null) {
            throw new KnetException(KnetError.EINVAL, c != null
                    ? "cipher '" + cipher + "' needs a hash; hash is 'none'"
                    : "cipher and hash are both 'none': nothing to protect (such a configuration clears a slot)");
        }
        try {
            return new LibknetCryptoEngine(model, c, h, primitives(c, h, key.clone()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KnetException(KnetError.ENXIO, model + " cannot provide " + cipher + "/" + hash + ": " + e, e);
        }
    }

    /**
     * The subclass's primitives for one configuration.
     *
     * @param cipher null for no encryption (HMAC only)
     * @param key    the whole private key (a copy the subclass may keep)
     */
    protected abstract PrimitivesFactory primitives(CipherKind cipher, HashKind hash, byte[] key)
            throws GeneralSecurityException;

    @Override
    public String toString() {
        return "CryptoProvider[" + model + ", aliases " + ALIASES + "]";
    }
}
