package org.knet4j.spi.crypto;

import java.nio.ByteBuffer;

/**
 * Encrypts and authenticates single datagrams for one crypto slot. Thread-safe: the engine encrypts from its send
 * threads and decrypts from the transport's I/O threads at once.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface CryptoEngine extends AutoCloseable {
    /** Salt bytes in front (16 with a cipher, 0 without). */
    int saltSize();

    /** HMAC bytes at the end (0 with hash "none"). */
    int hashSize();

    /** Cipher block size (16 for AES, 0 without a cipher). */
    int blockSize();

    /** The most bytes {@link #encrypt} adds to a plaintext. */
    default int maxOverhead() {
        return saltSize() + hashSize() + blockSize();
    }

    /**
     * Write the wire form of {@code plain} (position to limit) into {@code out} at its position.
     *
     * @return bytes written, or -1 if encryption failed (the datagram must not be sent)
     */
    int encrypt(ByteBuffer plain, ByteBuffer out);

    /**
     * Verify and decrypt {@code wire} (position to limit) into {@code plainOut} at its position.
     *
     * @return plaintext bytes written, or -1 if the datagram does not authenticate or decrypt
     */
    int decrypt(ByteBuffer wire, ByteBuffer plainOut);

    @Override
    void close();
}
