package org.knet4j.spi.crypto.framing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;

/**
 * The cipher and hash names of a libknet 1.25 crypto configuration. Names are case-sensitive, as in libknet's nss
 * model; openssl's spellings of the CBC ciphers are accepted too, so a configuration written for either model works
 * unchanged.
 */
public final class CryptoNames {
    private static final Map<String, CipherKind> CIPHERS = new LinkedHashMap<>();
    private static final Map<String, HashKind> HASHES = new LinkedHashMap<>();

    static {
        CIPHERS.put("none", null);
        CIPHERS.put("aes128", CipherKind.AES128);
        CIPHERS.put("aes192", CipherKind.AES192);
        CIPHERS.put("aes256", CipherKind.AES256);
        CIPHERS.put("aes-128-cbc", CipherKind.AES128);
        CIPHERS.put("aes-192-cbc", CipherKind.AES192);
        CIPHERS.put("aes-256-cbc", CipherKind.AES256);
        HASHES.put("none", null);
        HASHES.put("md5", HashKind.MD5);
        HASHES.put("sha1", HashKind.SHA1);
        HASHES.put("sha256", HashKind.SHA256);
        HASHES.put("sha384", HashKind.SHA384);
        HASHES.put("sha512", HashKind.SHA512);
    }

    private CryptoNames() {
    }

    /**
     * @return the cipher, or null for "none"
     * @throws KnetException ENXIO for a name libknet does not know
     */
    public static CipherKind cipher(String name) throws KnetException {
        if (!CIPHERS.containsKey(name)) {
            throw new KnetException(KnetError.ENXIO, "unknown crypto cipher '" + name + "' (expected one of "
                    + String.join(", ", CIPHERS.keySet()) + ")");
        }
        return CIPHERS.get(name);
    }

    /**
     * @return the hash, or null for "none"
     * @throws KnetException ENXIO for a name libknet does not know
     */
    public static HashKind hash(String name) throws KnetException {
        if (!HASHES.containsKey(name)) {
            throw new KnetException(KnetError.ENXIO, "unknown crypto hash '" + name + "' (expected one of "
                    + String.join(", ", HASHES.keySet()) + ")");
        }
        return HASHES.get(name);
    }
}
