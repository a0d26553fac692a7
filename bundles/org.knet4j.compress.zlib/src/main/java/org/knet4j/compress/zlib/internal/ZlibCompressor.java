package org.knet4j.compress.zlib.internal;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.compress.ModelCompressor;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libknet's zlib model (wire id 1, {@code compress_zlib.c}): zlib's {@code compress2(level)} and {@code uncompress},
 * that is a zlib stream (RFC 1950 header, deflate, adler32) with window bits 15 and memory level 8, which is what
 * {@link Deflater} writes when not in {@code nowrap} mode.
 *
 * <p>Each thread keeps one {@link Deflater} per level and one {@link Inflater}, reset between packets: a packet
 * costs no allocation, and no native zlib state is created per packet.
 *
 * <p>Outside OSGi it is found through {@code META-INF/services/org.knet4j.spi.compress.Compressor}.
 */
@Component(service = Compressor.class, property = {Compressor.MODEL_PROPERTY + "=" + ZlibCompressor.MODEL,
        Compressor.ID_PROPERTY + ":Integer=" + ZlibCompressor.WIRE_ID})
public final class ZlibCompressor extends ModelCompressor {
    static final String MODEL = "zlib";
    static final int WIRE_ID = 1;
    /** {@code Z_DEFAULT_COMPRESSION}, libknet's default for zlib. */
    static final int DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;

    private static final Logger LOG = LoggerFactory.getLogger(ZlibCompressor.class);

    /** Index {@code level + 1}: levels -1..9. */
    private final ThreadLocal<Deflater[]> deflaters = ThreadLocal.withInitial(() -> new Deflater[11]);
    private final ThreadLocal<Inflater> inflaters = ThreadLocal.withInitial(Inflater::new);
    private final ThreadLocal<byte[]> probe = ThreadLocal.withInitial(() -> new byte[1]);

    public ZlibCompressor() {
        super(MODEL, WIRE_ID, DEFAULT_LEVEL);
    }

    /**
     * zlib accepts -1..9; anything else makes {@code compress2} fail with Z_STREAM_ERROR, so libknet's self-test
     * refuses it with EINVAL. Level 0 (stored) passes zlib but does not shrink libknet's all-zero test buffer, so
     * libknet logs a warning and switches to its default (-1).
     */
    @Override
    public int validateLevel(int level) throws KnetException {
        if (level < -1 || level > 9) {
            throw new KnetException(KnetError.EINVAL, "zlib compress level " + level + " is not -1..9");
        }
        if (level == 0) {
            LOG.warn("zlib compress level 0 does not compress: switching to the default ({})", DEFAULT_LEVEL);
            return DEFAULT_LEVEL;
        }
        return level;
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst, int level) {
        if (level < -1 || level > 9) {
            return -1;
        }
        Deflater[] perLevel = deflaters.get();
        Deflater d = perLevel[level + 1];
        if (d == null) {
            d = new Deflater(level);
            perLevel[level + 1] = d;
        }
        int start = dst.position();
        try {
            d.setInput(src);
            d.finish();
            // each call either writes output or completes; the bound only guards against a library surprise
            for (int guard = 0; !d.finished() && guard < 1024; guard++) {
                if (!dst.hasRemaining()) {
                    dst.position(start);
                    return -1;
                }
                d.deflate(dst);
            }
            if (!d.finished()) {
                dst.position(start);
                return -1;
            }
            return dst.position() - start;
        } finally {
            d.reset();
        }
    }

    /**
     * {@code uncompress}: the whole stream must be present and end inside {@code dst}'s room; a stream that would
     * write more is refused as soon as {@code dst} is full (zlib's Z_BUF_ERROR). Bytes after the stream's end are
     * ignored, as zlib does.
     */
    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        Inflater inf = inflaters.get();
        int start = dst.position();
        try {
            inf.setInput(src);
            for (int guard = 0; !inf.finished() && guard < 1024; guard++) {
                int n;
                if (dst.hasRemaining()) {
                    n = inf.inflate(dst);
                } else if (inf.inflate(probe.get()) > 0) {
                    // dst is full and the stream has more to write (a stream ending exactly there only has its
                    // adler32 left, which the probe consumes without output)
                    dst.position(start);
                    return -1;
                } else {
                    n = 0;
                }
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    dst.position(start);
                    return -1; // truncated, or a preset dictionary (never sent by libknet)
                }
            }
            if (!inf.finished()) {
                dst.position(start);
                return -1;
            }
            return dst.position() - start;
        } catch (DataFormatException e) {
            dst.position(start);
            return -1;
        } finally {
            inf.reset();
        }
    }
}
