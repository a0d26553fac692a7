package org.knet4j.spi.crypto.framing;

import java.security.GeneralSecurityException;

/**
 * One working set of a plugin's primitives, keyed for one crypto configuration. Used by one thread at a time (the
 * engine pools them), so an implementation may keep scratch state without locking. Nothing here may allocate per
 * call: these run once per packet.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PacketPrimitives {
    /**
     * AES-CBC encryption with an all-zero IV of {@code src[off, off+len)} ({@code len} a multiple of 16) into
     * {@code dst} at {@code dstOff}. The engine puts a nonce in the first block, so the first output block
     * (E(nonce)) becomes the packet's salt and the rest is exactly CBC under IV = salt.
     */
    void encryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff) throws GeneralSecurityException;

    /**
     * AES-CBC decryption with an all-zero IV of {@code src[off, off+len)} ({@code len} a multiple of 16, at least
     * 32) into {@code dst} at {@code dstOff}. Only output blocks 1.. are used (block 0 decrypts the salt and is
     * noise), so an implementation may leave block 0 of {@code dst} unwritten.
     */
    void decryptCbc(byte[] src, int off, int len, byte[] dst, int dstOff) throws GeneralSecurityException;

    /** HMAC (RFC 2104) with the configuration's whole private key over {@code data[off, off+len)} into dst. */
    void hmac(byte[] data, int off, int len, byte[] dst, int dstOff) throws GeneralSecurityException;
}
