/**
 * Streams over plain arrays, reusable from packet to packet, for compression libraries that only speak
 * {@code InputStream}/{@code OutputStream}: the sink refuses to grow past its room, which keeps a decompression
 * bomb within one maximum packet.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.knet4j.spi.compress.streams;
