/**
 * libknet 1.25's crypto framing (WIRE.md §7), written once for every crypto plugin: salt, AES-CBC with PKCS#7
 * padding, HMAC over salt and ciphertext, the names a configuration may use, and a lock-free pool of working
 * states. A plugin supplies only its primitives ({@link org.knet4j.spi.crypto.framing.PacketPrimitives}: CBC
 * with a zero IV and HMAC) by extending {@link org.knet4j.spi.crypto.framing.LibknetCryptoProvider}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.knet4j.spi.crypto.framing;
