/**
 * The compression SPI: one {@link org.knet4j.spi.compress.Compressor} service per libknet model, with
 * {@code knet.compress.model=<name>} and {@code knet.compress.id=<wire id>}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.knet4j.spi.compress;
