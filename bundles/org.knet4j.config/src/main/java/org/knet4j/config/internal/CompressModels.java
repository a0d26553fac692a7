package org.knet4j.config.internal;

import java.util.Map;
import java.util.Set;

/**
 * libknet's compression models with the level range of the library behind each (libknet 1.25 itself passes any
 * level through and fails on the first message; refusing it with the configuration is kinder) and the default
 * level libknet's model reports. The engine's plugin checks the level again when it is installed.
 */
final class CompressModels {
    record Levels(int min, int max, int defaultLevel, Set<Integer> only) {
        boolean accepts(int level) {
            return only.isEmpty() ? level >= min && level <= max : only.contains(level);
        }

        String describe() {
            return only.isEmpty() ? min + ".." + max : only.toString();
        }
    }

    static final Map<String, Levels> MODELS = Map.of(
            "zlib", new Levels(-1, 9, -1, Set.of()),           // Z_DEFAULT_COMPRESSION .. Z_BEST_COMPRESSION
            "lz4", new Levels(1, 65537, 1, Set.of()),          // acceleration 1 .. LZ4_ACCELERATION_MAX
            "lz4hc", new Levels(1, 12, 9, Set.of()),           // 1 .. LZ4HC_CLEVEL_MAX
            "lzo2", new Levels(1, 999, 1, Set.of(1, 11, 12, 15, 999)), // the levels lzo2_val_level names
            "lzma", new Levels(0, 9, 6, Set.of()),             // presets 0..9, LZMA_PRESET_DEFAULT 6
            "bzip2", new Levels(1, 9, 9, Set.of()),            // block size 1..9
            "zstd", new Levels(-131072, 22, 3, Set.of()));     // ZSTD_minCLevel .. ZSTD_maxCLevel

    private CompressModels() {
    }
}
