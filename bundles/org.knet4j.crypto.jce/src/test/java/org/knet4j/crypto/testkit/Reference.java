package org.knet4j.crypto.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent statement of libknet's framing (WIRE.md §7) with the plainest javax.crypto calls: AES/CBC/
 * PKCS5Padding with the salt as IV and the key's first 16/24/32 bytes, then javax.crypto.Mac over salt ‖ ciphertext
 * (or over the packet without a cipher) keyed with the whole key. Tests compare the providers against this.
 */
public final class Reference {
    /** Every cipher spelling the providers accept, with its AES key length (0: none). */
    public static final Map<String, Integer> CIPHERS = Map.of("none", 0, "aes128", 16, "aes192", 24, "aes256", 32,
            "aes-128-cbc", 16, "aes-192-cbc", 24, "aes-256-cbc", 32);
    /** Every hash with its JCA Mac name and size. */
    public static final Map<String, String> MACS = Map.of("md5", "HmacMD5", "sha1", "HmacSHA1",
            "sha256", "HmacSHA256", "sha384", "HmacSHA384", "sha512", "HmacSHA512");
    public static final Map<String, Integer> HASH_SIZES = Map.of("md5", 16, "sha1", 20, "sha256", 32,
            "sha384", 48, "sha512", 64);

    private Reference() {
    }

    /** Every valid cipher × hash configuration (a cipher always needs a hash), libknet's names only. */
    public static List<String[]> combos() {
        List<String[]> list = new ArrayList<>();
        for (String c : List.of("none", "aes128", "aes192", "aes256")) {
            for (String h : List.of("md5", "sha1", "sha256", "sha384", "sha512")) {
                list.add(new String[] {c, h});
            }
        }
        return list;
    }

    /** The wire bytes libknet would send for {@code plain} with this salt. */
    public static byte[] wire(String cipher, String hash, byte[] key, byte[] salt, byte[] plain) throws Exception {
        int keyLen = CIPHERS.get(cipher);
        byte[] body;
        if (keyLen == 0) {
            body = plain;
        } else {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, keyLen, "AES"), new IvParameterSpec(salt));
            byte[] ct = c.doFinal(plain);
            body = new byte[16 + ct.length];
            System.arraycopy(salt, 0, body, 0, 16);
            System.arraycopy(ct, 0, body, 16, ct.length);
        }
        return concat(body, hmac(hash, key, body));
    }

    /** salt ‖ AES-CBC without padding (the caller pads, or pads wrongly on purpose) ‖ HMAC. */
    public static byte[] wireRawCbc(String cipher, String hash, byte[] key, byte[] salt, byte[] blocks)
            throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, CIPHERS.get(cipher), "AES"), new IvParameterSpec(salt));
        byte[] body = concat(salt, c.doFinal(blocks));
        return concat(body, hmac(hash, key, body));
    }

    /** HMAC-hash(key, data). */
    public static byte[] hmac(String hash, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(MACS.get(hash));
        mac.init(new SecretKeySpec(key, MACS.get(hash)));
        return mac.doFinal(data);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A test key: {@code len} bytes, each (i * mul + add) mod 256. */
    public static byte[] key(int len, int mul, int add) {
        byte[] k = new byte[len];
        for (int i = 0; i < len; i++) {
            k[i] = (byte) (i * mul + add);
        }
        return k;
    }

    /** Recognisable plaintext: byte i is (i * 31 + seed) mod 256. */
    public static byte[] pattern(int len, int seed) {
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) {
            p[i] = (byte) (i * 31 + seed);
        }
        return p;
    }

    public static byte[] bytes(ByteBuffer b) {
        byte[] r = new byte[b.remaining()];
        b.duplicate().get(r);
        return r;
    }

    public static ByteBuffer direct(byte[] b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.length);
        d.put(b).flip();
        return d;
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
