package org.knet4j.crypto.jce.internal;

import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.crypto.jce.internal.Algorithms.CipherKind;
import org.knet4j.crypto.jce.internal.Algorithms.HashKind;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;
import org.osgi.service.component.annotations.Component;

/**
 * libknet's crypto framing (WIRE.md §7) on the JDK's own providers: AES-CBC from {@code javax.crypto.Cipher},
 * HMAC (RFC 2104) over {@code java.security.MessageDigest}. The JDK compiles both to AES-NI and SHA instructions
 * where the CPU has them. It serves handles configured with libknet's model names "openssl" and "nss" as well as
 * its own name "jce": the bytes on the wire are the same.
 *
 * <p>Outside OSGi it is found through {@code META-INF/services/org.knet4j.spi.crypto.CryptoProvider}.
 */
@Component(service = CryptoProvider.class, property = CryptoProvider.MODEL_PROPERTY + "=" + JceCryptoProvider.MODEL)
public final class JceCryptoProvider implements CryptoProvider {
    /** This provider's model name. */
    public static final String MODEL = "jce";

    private static final Set<String> ALIASES =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of("openssl", "nss")));

    public JceCryptoProvider() {
        // stateless: every engine carries its own keys
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Set<String> aliases() {
        return ALIASES;
    }

    /**
     * @throws KnetException EINVAL for a null argument, a key outside 128..4096 bytes, a cipher with hash "none",
     *                       or cipher and hash both "none" (nothing to do: such a configuration clears a slot);
     *                       ENXIO for a cipher or hash name this model does not know, or one the JDK cannot
     *                       provide (e.g. MD5 under a FIPS-only configuration)
     */
    @Override
    public CryptoEngine create(String cipher, String hash, byte[] key) throws KnetException {
        if (cipher == null || hash == null || key == null) {
            throw new KnetException(KnetError.EINVAL, "cipher, hash and key must not be null");
        }
        if (key.length < CryptoConfig.MIN_KEY_LEN || key.length > CryptoConfig.MAX_KEY_LEN) {
            throw new KnetException(KnetError.EINVAL, "crypto key of " + key.length + " bytes is outside "
                    + CryptoConfig.MIN_KEY_LEN + ".." + CryptoConfig.MAX_KEY_LEN);
        }
        CipherKind c = Algorithms.cipher(cipher);
        HashKind h = Algorithms.hash(hash);
        if (h == null) {
            throw new KnetException(KnetError.EINVAL, c != null
                    ? "cipher '" + cipher + "' needs a hash; hash is 'none'"
                    : "cipher and hash are both 'none': nothing to protect (such a configuration clears a slot)");
        }
        try {
            return new JceCryptoEngine(c, h, key);
        } catch (GeneralSecurityException e) {
            throw new KnetException(KnetError.ENXIO, "the JDK cannot provide " + cipher + "/" + hash + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "CryptoProvider[" + MODEL + ", aliases " + ALIASES + "]";
    }
}
