package org.knet4j.crypto.bouncycastle.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.MultiBlockCipher;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
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
     * One working set: AES block engines with CBC chaining done here (a BouncyCastle CBC mode would allocate
     * parameter objects on every re-initialisation), and an {@link HMac}, which returns to its keyed state after
     * each {@code doFinal} by copying saved digest states, without allocating.
     */
    private static final class BouncyCastlePrimitives implements PacketPrimitives {
        private static final int BLOCK = 16;
        private static final VarHandle LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private final MultiBlockCipher enc;
        private final MultiBlockCipher dec;
        private final HMac hmac;

        BouncyCastlePrimitives(byte[] aesKey, HashKind hash, byte[] macKey) {
            if (aesKey != null) {
                enc = AESEngine.newInstance();
                enc.init(true, new KeyParameter(aesKey));
                dec = AESEngine.newInstance();
                dec.init(false, new KeyParameter(aesKey));
            } else {
                enc = null;
                dec = null;
            }
            hmac = new HMac(digest(hash));
            hmac.init(new KeyParameter(macKey));
        }

        @Override
        public void encryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff) {
            // C[0] = E(P[0]) (zero IV), C[i] = E(P[i] ^ C[i-1]); P[i] ^ C[i-1] is formed in dst, then encrypted
            enc.processBlock(src, off, dst, dstOff);
            for (int i = BLOCK; i < len; i += BLOCK) {
                xor(src, off + i, dst, dstOff + i - BLOCK, dst, dstOff + i);
                enc.processBlock(dst, dstOff + i, dst, dstOff + i);
            }
        }

        @Override
        public void decryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff) {
            // block 0 (the salt under a zero IV) is noise to the caller: skipped. P[i] = D(C[i]) ^ C[i-1].
            int blocks = len / BLOCK - 1;
            dec.processBlocks(src, off + BLOCK, blocks, dst, dstOff + BLOCK);
            for (int i = BLOCK; i < len; i += BLOCK) {
                xor(dst, dstOff + i, src, off + i - BLOCK, dst, dstOff + i);
            }
        }

        @Override
        public void hmac(byte[] data, int off, int len, byte[] dst, int dstOff) {
            hmac.update(data, off, len);
            hmac.doFinal(dst, dstOff);
        }

        /** dst[d, d+16) = a[ai, ai+16) ^ b[bi, bi+16). */
        private static void xor(byte[] a, int ai, byte[] b, int bi, byte[] dst, int d) {
            LONGS.set(dst, d, (long) LONGS.get(a, ai) ^ (long) LONGS.get(b, bi));
            LONGS.set(dst, d + 8, (long) LONGS.get(a, ai + 8) ^ (long) LONGS.get(b, bi + 8));
        }
    }
}
