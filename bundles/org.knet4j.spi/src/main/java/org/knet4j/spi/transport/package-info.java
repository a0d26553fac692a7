/**
 * The transport SPI: how the engine sends and receives datagrams without knowing the socket library.
 * A transport is a DS service of {@link org.knet4j.spi.transport.Transport} with the service property
 * {@code knet.transport=<NAME>} (e.g. {@code UDP}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.knet4j.spi.transport;
