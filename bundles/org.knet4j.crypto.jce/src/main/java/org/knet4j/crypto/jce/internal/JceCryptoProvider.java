package org.knet4j.crypto.jce.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.crypto.framing.CipherKind;
import org.knet4j.spi.crypto.framing.HashKind;
import org.knet4j.spi.crypto.framing.LibknetCryptoProvider;
import org.knet4j.spi.crypto.framing.PrimitivesFactory;
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
public final class JceCryptoProvider extends LibknetCryptoProvider {
    /** This provider's model name. */
    public static final String MODEL = "jce";

    public JceCryptoProvider() {
        super(MODEL);
    }

    @Override
    protected PrimitivesFactory primitives(CipherKind cipher, HashKind hash, byte[] key)
            throws GeneralSecurityException {
        SecretKeySpec aesKey = cipher == null ? null : new SecretKeySpec(key, 0, cipher.keyBytes(), "AES");
        // RFC 2104: a key longer than the hash's block is hashed first; then both pads are one block long
        byte[] k = key.length > hash.blockBytes() ? MessageDigest.getInstance(hash.jcaName()).digest(key) : key;
        byte[] ipad = new byte[hash.blockBytes()];
        byte[] opad = new byte[hash.blockBytes()];
        for (int i = 0; i < ipad.length; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        return () -> new JcePrimitives(aesKey, hash, ipad, opad);
    }

    /**
     * One working set: two CBC ciphers initialised once with a zero IV (a {@code doFinal} returns a JDK cipher to
     * its initial IV, so they are never re-keyed), and a digest doing HMAC by hand, because
     * {@code javax.crypto.Mac.doFinal} allocates its result.
     */
    private static final class JcePrimitives implements org.knet4j.spi.crypto.framing.PacketPrimitives {
        private final Cipher enc;
        private final Cipher dec;
        private final MessageDigest md;
        private final int size;
        private final byte[] ipad;
        private final byte[] opad;
        private final byte[] inner;

        JcePrimitives(SecretKeySpec aesKey, HashKind hash, byte[] ipad, byte[] opad) throws GeneralSecurityException {
            if (aesKey != null) {
                IvParameterSpec zero = new IvParameterSpec(new byte[16]);
                enc = Cipher.getInstance("AES/CBC/NoPadding");
                enc.init(Cipher.ENCRYPT_MODE, aesKey, zero);
                dec = Cipher.getInstance("AES/CBC/NoPadding");
                dec.init(Cipher.DECRYPT_MODE, aesKey, zero);
            } else {
                enc = null;
                dec = null;
            }
            this.md = MessageDigest.getInstance(hash.jcaName());
            this.size = hash.size();
            this.ipad = ipad;
            this.opad = opad;
            this.inner = new byte[size];
        }

        @Override
        public void encryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff)
                throws GeneralSecurityException {
            enc.doFinal(src, off, len, dst, dstOff);
        }

        @Override
        public void decryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff)
                throws GeneralSecurityException {
            dec.doFinal(src, off, len, dst, dstOff);
        }

        @Override
        public void hmac(byte[] data, int off, int len, byte[] dst, int dstOff) throws GeneralSecurityException {
            md.update(ipad);
            md.update(data, off, len);
            md.digest(inner, 0, size);
            md.update(opad);
            md.update(inner, 0, size);
            md.digest(dst, dstOff, size);
        }
    }
}
