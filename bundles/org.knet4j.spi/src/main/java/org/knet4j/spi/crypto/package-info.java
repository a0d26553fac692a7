/**
 * The crypto SPI: libknet's per-datagram framing (salt, AES-CBC, HMAC) done by a plugin. A plugin is a DS service
 * of {@link org.knet4j.spi.crypto.CryptoProvider} with {@code knet.crypto.model=<name>}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.knet4j.spi.crypto;
