package org.knet4j.spi.crypto.framing;

/** A libknet HMAC hash: its JCA digest name, output size and block size (the HMAC pad length, RFC 2104). */
public enum HashKind {
    MD5("MD5", 16, 64), SHA1("SHA-1", 20, 64), SHA256("SHA-256", 32, 64), SHA384("SHA-384", 48, 128),
    SHA512("SHA-512", 64, 128);

    private final String jcaName;
    private final int size;
    private final int blockBytes;

    HashKind(String jcaName, int size, int blockBytes) {
        this.jcaName = jcaName;
        this.size = size;
        this.blockBytes = blockBytes;
    }

    /** The digest's standard JCA name, e.g. {@code SHA-256}. */
    public String jcaName() {
        return jcaName;
    }

    /** Bytes of HMAC output on the wire. */
    public int size() {
        return size;
    }

    /** The digest's block size in bytes. */
    public int blockBytes() {
        return blockBytes;
    }
}
