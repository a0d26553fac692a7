package org.knet4j.compress.lz4.internal;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.compress.ModelCompressor;
import org.osgi.service.component.annotations.Component;

/**
 * libknet's lz4 model (wire id 2, {@code compress_lz4.c}): {@code LZ4_compress_fast} with the level as its
 * acceleration, output a raw LZ4 block; {@code LZ4_decompress_safe} to read.
 *
 * <p>libknet passes any level through: lz4 itself treats an acceleration below 1 as 1 and caps it at
 * {@code LZ4_ACCELERATION_MAX} (65537), and so does this class. Each thread keeps one lz4 state (lz4-java's
 * fast-reset compressor), rebuilt only when the level changes, so a packet allocates nothing.
 */
@Component(service = Compressor.class, property = {Compressor.MODEL_PROPERTY + "=" + Lz4Compressor.MODEL,
        Compressor.ID_PROPERTY + ":Integer=" + Lz4Compressor.WIRE_ID})
public final class Lz4Compressor extends ModelCompressor {
    static final String MODEL = "lz4";
    static final int WIRE_ID = 2;
    /** {@code LZ4_ACCELERATION_DEFAULT}; libknet itself has no lz4 default (KNET_COMPRESS_UNKNOWN_DEFAULT). */
    static final int DEFAULT_LEVEL = 1;
    /** {@code LZ4_ACCELERATION_MAX}. */
    static final int MAX_ACCELERATION = 65537;

    /** One lz4 state per thread and the acceleration it was made for. */
    private static final class State {
        LZ4JNIFastResetCompressor jni;
        int acceleration;
    }

    private final ThreadLocal<State> states = ThreadLocal.withInitial(State::new);
    /** Without the JNI library: lz4-java's Java port, which has no acceleration (the format is the same). */
    private final LZ4Compressor portable = Lz4Block.nativeLz4() ? null : Lz4Block.FACTORY.fastCompressor();

    public Lz4Compressor() {
        super(MODEL, WIRE_ID, DEFAULT_LEVEL);
    }

    /** libknet checks nothing for lz4: any level passes its self-test. */
    @Override
    public int validateLevel(int level) {
        return level;
    }

    static int acceleration(int level) {
        return level < 1 ? 1 : Math.min(level, MAX_ACCELERATION);
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst, int level) {
        int start = dst.position();
        try {
            int n;
            if (portable != null) {
                n = portable.compress(src, src.position(), src.remaining(), dst, start, dst.remaining());
            } else {
                n = jniFor(acceleration(level)).compress(src, src.position(), src.remaining(), dst, start,
                        dst.remaining());
            }
            if (n <= 0) {
                return -1;
            }
            dst.position(start + n);
            return n;
        } catch (LZ4Exception e) {
            return -1; // did not fit in dst
        }
    }

    private LZ4JNIFastResetCompressor jniFor(int acceleration) {
        State s = states.get();
        if (s.jni == null || s.acceleration != acceleration) {
            if (s.jni != null) {
                s.jni.close();
            }
            s.jni = Lz4Block.FACTORY.fastResetCompressor(acceleration);
            s.acceleration = acceleration;
        }
        return s.jni;
    }

    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        return Lz4Block.decompress(src, dst);
    }
}
