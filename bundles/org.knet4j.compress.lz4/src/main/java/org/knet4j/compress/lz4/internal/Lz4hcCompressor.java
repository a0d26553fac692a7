package org.knet4j.compress.lz4.internal;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4JNIHCFastResetCompressor;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.compress.ModelCompressor;
import org.osgi.service.component.annotations.Component;

/**
 * libknet's lz4hc model (wire id 3, {@code compress_lz4hc.c}): {@code LZ4_compress_HC(level)}, the same raw LZ4
 * block as lz4 under another id, read with {@code LZ4_decompress_safe}.
 *
 * <p>libknet passes any level through; lz4 uses its default (9) for a level below 1 and caps it at
 * {@code LZ4HC_CLEVEL_MAX} (12), and so does this class. Each thread keeps one HC state per level in use.
 */
@Component(service = Compressor.class, property = {Compressor.MODEL_PROPERTY + "=" + Lz4hcCompressor.MODEL,
        Compressor.ID_PROPERTY + ":Integer=" + Lz4hcCompressor.WIRE_ID})
public final class Lz4hcCompressor extends ModelCompressor {
    static final String MODEL = "lz4hc";
    static final int WIRE_ID = 3;
    /** {@code LZ4HC_CLEVEL_DEFAULT}, libknet's default for lz4hc. */
    static final int DEFAULT_LEVEL = 9;
    /** {@code LZ4HC_CLEVEL_MAX}. */
    static final int MAX_LEVEL = 12;

    /** Index: effective level 1..12. */
    private final ThreadLocal<LZ4JNIHCFastResetCompressor[]> jni =
            ThreadLocal.withInitial(() -> new LZ4JNIHCFastResetCompressor[MAX_LEVEL + 1]);
    /** Without the JNI library: lz4-java's Java port, one (stateless) compressor per level. */
    private final LZ4Compressor[] portable = new LZ4Compressor[MAX_LEVEL + 1];

    public Lz4hcCompressor() {
        super(MODEL, WIRE_ID, DEFAULT_LEVEL);
        if (!Lz4Block.nativeLz4()) {
            for (int l = 1; l <= MAX_LEVEL; l++) {
                portable[l] = Lz4Block.FACTORY.highCompressor(l);
            }
        }
    }


    /** libknet checks nothing for lz4hc: any level passes its self-test. */
    @Override
    public int validateLevel(int level) {
        return level;
    }

    static int effectiveLevel(int level) {
        return level < 1 ? DEFAULT_LEVEL : Math.min(level, MAX_LEVEL);
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst, int level) {
        int l = effectiveLevel(level);
        int start = dst.position();
        try {
            int n;
            if (portable[l] != null) {
                n = portable[l].compress(src, src.position(), src.remaining(), dst, start, dst.remaining());
            } else {
                LZ4JNIHCFastResetCompressor[] mine = jni.get();
                if (mine[l] == null) {
                    mine[l] = Lz4Block.FACTORY.highFastResetCompressor(l);
                }
                n = mine[l].compress(src, src.position(), src.remaining(), dst, start, dst.remaining());
            }
            if (n <= 0) {
                return -1; // libknet: lz4hc reports an error when it cannot compress
            }
            dst.position(start + n);
            return n;
        } catch (LZ4Exception e) {
            return -1;
        }
    }

    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        return Lz4Block.decompress(src, dst);
    }
}
