package org.knet4j.spi.crypto.framing;

/** A libknet cipher: AES-CBC keyed with the first {@link #keyBytes()} bytes of the private key. */
public enum CipherKind {
    AES128(16), AES192(24), AES256(32);

    private final int keyBytes;

    CipherKind(int keyBytes) {
        this.keyBytes = keyBytes;
    }

    /** How many leading bytes of the private key form the AES key. */
    public int keyBytes() {
        return keyBytes;
    }
}
