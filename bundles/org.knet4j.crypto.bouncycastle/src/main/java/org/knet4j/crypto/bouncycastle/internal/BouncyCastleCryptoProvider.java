package org.knet4j.crypto.bouncycastle.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.crypto.framing.CipherKind;
import org.knet4j.spi.crypto.framing.HashKind;
import org.knet4j.spi.crypto.framing.LibknetCryptoProvider;
import org.knet4j.spi.crypto.framing.PacketPrimitives;
import org.knet4j.spi.crypto.framing.PrimitivesFactory;
import org.osgi.service.component.annotations.Component;

/**
 * libknet's crypto framing (WIRE.md §7) on BouncyCastle's lightweight API (AES engine, HMAC, digests) from the
 * bcprov bundle: no JCE provider is registered, so none of the JDK's provider or jar-signature rules apply. It
 * serves handles configured with libknet's model names "openssl" and "nss" as well as its own name
 * "bouncycastle": the bytes on the wire are the same.
 *
 * <p>Outside OSGi it is found through {@code META-INF/services/org.knet4j.spi.crypto.CryptoProvider}.
 */
@Component(service = CryptoProvider.class,
        property = CryptoProvider.MODEL_PROPERTY + "=" + BouncyCastleCryptoProvider.MODEL)
public final class BouncyCastleCryptoProvider extends LibknetCryptoProvider {
    /** This provider's model name. */
    public static final String MODEL = "bouncycastle";

    public BouncyCastleCryptoProvider() {
        super(MODEL);
    }

    @Override
    protected PrimitivesFactory primitives(CipherKind cipher, HashKind hash, byte[] key) {
        byte[] aesKey = cipher == null ? null : Arrays.copyOf(key, cipher.keyBytes());
        return () -> new BouncyCastlePrimitives(aesKey, hash, key);
    }

    static Digest digest(HashKind hash) {
        return switch (hash) {
            case MD5 -> new MD5Digest();
            case SHA1 -> new SHA1Digest();
            case SHA256 -> SHA256Digest.newInstance();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
        };
    }

    /**
     * One working set: AES-CBC ciphers keyed once with a zero IV ({@code reset()} returns a BouncyCastle CBC mode
     * to that IV, so nothing is re-initialised or allocated per packet) and an HMAC over a BouncyCastle digest.
     * {@code newInstance} picks BouncyCastle's CPU-accelerated AES, CBC and SHA-256 where the bcprov bundle has
     * them (the LTS build's native AES-NI/VAES and SHA code: one call per packet) and its pure Java code otherwise.
     *
     * <p>HMAC is written out (RFC 2104: H(K^opad ‖ H(K^ipad ‖ m))) rather than taken from BouncyCastle's
     * {@code HMac}: {@code HMac} restores its precomputed pad states through {@code Memoable} copies, which with the
     * native SHA-256 allocate 352 bytes a packet; hashing the pads costs two compression blocks and allocates
     * nothing.
     */
    private static final class BouncyCastlePrimitives implements PacketPrimitives {
        private static final int BLOCK = 16;

        private final CBCModeCipher enc;
        private final CBCModeCipher dec;
        private final Digest digest;
        private final byte[] ipad;
        private final byte[] opad;
        private final byte[] inner;

        BouncyCastlePrimitives(byte[] aesKey, HashKind hash, byte[] macKey) {
            if (aesKey != null) {
                enc = CBCBlockCipher.newInstance(AESEngine.newInstance());
                enc.init(true, new ParametersWithIV(new KeyParameter(aesKey), new byte[BLOCK]));
                dec = CBCBlockCipher.newInstance(AESEngine.newInstance());
                dec.init(false, new ParametersWithIV(new KeyParameter(aesKey), new byte[BLOCK]));
            } else {
                enc = null;
                dec = null;
            }
            digest = digest(hash);
            // RFC 2104: a key longer than the hash's block is hashed first; then both pads are one block long
            byte[] k = macKey;
            if (k.length > hash.blockBytes()) {
                k = new byte[digest.getDigestSize()];
                digest.update(macKey, 0, macKey.length);
                digest.doFinal(k, 0);
            }
            ipad = new byte[hash.blockBytes()];
            opad = new byte[hash.blockBytes()];
            for (int i = 0; i < ipad.length; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            inner = new byte[digest.getDigestSize()];
        }

        @Override
        public void encryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff) {
            enc.reset();
            enc.processBlocks(src, off, len / BLOCK, dst, dstOff);
        }

        @Override
        public void decryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff) {
            dec.reset();
            dec.processBlocks(src, off, len / BLOCK, dst, dstOff);
        }

        @Override
        public void hmac(byte[] data, int off, int len, byte[] dst, int dstOff) {
            digest.update(ipad, 0, ipad.length);
            digest.update(data, off, len);
            digest.doFinal(inner, 0);
            digest.update(opad, 0, opad.length);
            digest.update(inner, 0, inner.length);
            digest.doFinal(dst, dstOff);
        }
    }
}
