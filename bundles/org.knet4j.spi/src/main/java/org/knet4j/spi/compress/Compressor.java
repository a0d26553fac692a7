package org.knet4j.spi.compress;

import java.nio.ByteBuffer;
import org.knet4j.api.KnetException;

/**
 * One libknet compression model ({@code compress_model.h}). Thread-safe.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Compressor {
    String MODEL_PROPERTY = "knet.compress.model";
    String ID_PROPERTY = "knet.compress.id";

    /** libknet's model name: zlib, lz4, lz4hc, lzo2, lzma, bzip2, zstd. */
    String model();

    /** The id written in the DATA header's compress byte (1..7). */
    int wireId();

    /** The level libknet uses when none is given. */
    int defaultLevel();

    /**
     * Check a level as libknet's model does.
     *
     * @return the level to use (libknet replaces some values, e.g. zlib 0 becomes -1)
     * @throws KnetException EINVAL for a level the model refuses
     */
    int validateLevel(int level) throws KnetException;

    /**
     * Compress {@code src} (position to limit) into {@code dst} at its position.
     *
     * @return bytes written, or -1 if the output did not fit in {@code dst}'s remaining space
     */
    int compress(ByteBuffer src, ByteBuffer dst, int level);

    /**
     * Decompress {@code src} into {@code dst}; never writes beyond {@code dst}'s limit.
     *
     * @return bytes written, or -1 if the input is malformed or would expand beyond {@code dst}'s remaining space
     */
    int decompress(ByteBuffer src, ByteBuffer dst);
}
