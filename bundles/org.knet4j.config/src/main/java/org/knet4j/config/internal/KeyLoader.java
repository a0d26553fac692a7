package org.knet4j.config.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.knet4j.api.CryptoConfig;

/** The crypto key: a file's bytes (as corosync's authkey) or base64 text in the configuration itself. */
final class KeyLoader {
    static final String FILE = "crypto.key.file";
    static final String BASE64 = "crypto.key";

    private KeyLoader() {
    }

    static byte[] load(PropertyReader in) throws InvalidConfigException {
        boolean hasFile = in.has(FILE);
        boolean hasText = in.has(BASE64);
        if (hasFile == hasText) {
            throw new InvalidConfigException(hasFile ? BASE64 : FILE,
                    "crypto needs exactly one of " + FILE + " and " + BASE64);
        }
        byte[] key;
        String property;
        if (hasFile) {
            property = FILE;
            String path = in.string(FILE, "");
            try {
                key = Files.readAllBytes(Path.of(path));
            } catch (IOException | RuntimeException e) {
                throw new InvalidConfigException(FILE, "cannot read '" + path + "': " + e, e);
            }
        } else {
            property = BASE64;
            try {
                key = Base64.getMimeDecoder().decode(in.string(BASE64, ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(BASE64, "not base64: " + e.getMessage(), e);
            }
        }
        if (key.length < CryptoConfig.MIN_KEY_LEN || key.length > CryptoConfig.MAX_KEY_LEN) {
            throw new InvalidConfigException(property, "key of " + key.length + " bytes is out of range "
                    + CryptoConfig.MIN_KEY_LEN + ".." + CryptoConfig.MAX_KEY_LEN);
        }
        return key;
    }
}
