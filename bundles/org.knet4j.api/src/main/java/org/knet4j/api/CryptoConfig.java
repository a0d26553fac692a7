package org.knet4j.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code struct knet_handle_crypto_cfg}. The model "none", or cipher "none" with hash "none", clears a slot.
 * Keys are 128..4096 bytes; the record keeps its own copy.
 */
public record CryptoConfig(String model, String cipher, String hash, byte[] key) {
    public static final int MIN_KEY_LEN = 128;
    public static final int MAX_KEY_LEN = 4096;

    public CryptoConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(hash, "hash");
        key = key == null ? new byte[0] : key.clone();
    }

    public static CryptoConfig none() {
        return new CryptoConfig("none", "none", "none", new byte[0]);
    }

    /** True when this configuration clears the slot rather than filling it. */
    public boolean disables() {
        return "none".equals(model) || ("none".equals(cipher) && "none".equals(hash));
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CryptoConfig c && model.equals(c.model) && cipher.equals(c.cipher)
                && hash.equals(c.hash) && Arrays.equals(key, c.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, cipher, hash, Arrays.hashCode(key));
    }

    @Override
    public String toString() {
        return "CryptoConfig[" + model + ":" + cipher + ":" + hash + ", key " + key.length + " bytes]";
    }
}
