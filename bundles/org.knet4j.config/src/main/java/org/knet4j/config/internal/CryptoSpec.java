package org.knet4j.config.internal;

import java.util.Arrays;
import java.util.Objects;
import org.knet4j.api.CryptoConfig;

/**
 * The configured crypto: model, cipher, hash and key bytes; "none" as model sends and accepts clear traffic.
 * The key is compared by content, so re-reading the same key file is no change.
 */
public record CryptoSpec(String model, String cipher, String hash, byte[] key) {
    public static final CryptoSpec NONE = new CryptoSpec("none", "none", "none", new byte[0]);

    public CryptoSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(hash, "hash");
        key = key.clone();
    }

    public boolean enabled() {
        return !toConfig().disables();
    }

    public CryptoConfig toConfig() {
        return new CryptoConfig(model, cipher, hash, key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CryptoSpec c && model.equals(c.model) && cipher.equals(c.cipher) && hash.equals(c.hash)
                && Arrays.equals(key, c.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, cipher, hash, Arrays.hashCode(key));
    }

    @Override
    public String toString() {
        return "crypto " + model + ":" + cipher + ":" + hash + " (key " + key.length + " bytes)";
    }
}
