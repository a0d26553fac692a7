package org.knet4j.core.internal.compress;

import org.knet4j.api.CompressConfig;
import org.knet4j.spi.compress.Compressor;

/**
 * The handle's send-side compression: model, level and threshold, published as one immutable snapshot so the
 * send path reads a consistent triple without a lock.
 */
public final class CompressState {
    /** One consistent configuration. {@code compressor} null means off. */
    public record Snapshot(CompressConfig config, Compressor compressor, int level, int threshold) {
    }

    private volatile Snapshot current = new Snapshot(CompressConfig.none(), null, 0, CompressConfig.DEFAULT_THRESHOLD);

    public Snapshot current() {
        return current;
    }

    public void set(Snapshot s) {
        current = s;
    }
}
