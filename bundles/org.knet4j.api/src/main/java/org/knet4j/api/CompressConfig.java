package org.knet4j.api;

import java.util.Objects;

/**
 * {@code struct knet_handle_compress_cfg}.
 *
 * @param model     none, zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd
 * @param threshold messages longer than this are compressed; 0 means the default (100); at most 65536
 * @param level     the model's level, validated by the model
 */
public record CompressConfig(String model, int threshold, int level) {
    /** {@code KNET_COMPRESS_THRESHOLD}. */
    public static final int DEFAULT_THRESHOLD = 100;

    public CompressConfig {
        Objects.requireNonNull(model, "model");
    }

    public static CompressConfig none() {
        return new CompressConfig("none", 0, 0);
    }
}
