package org.knet4j.compress.lz4.internal;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw LZ4 block format both lz4 models put on the wire: no frame, no size prefix. Decoding is
 * {@code LZ4_decompress_safe} bounded by the room given, which is also what both 1.25 plugins call.
 */
final class Lz4Block {
    private static final Logger LOG = LoggerFactory.getLogger(Lz4Block.class);

    /** lz4-java's JNI binding of the C library when it loads, else its fastest pure-Java port. */
    static final LZ4Factory FACTORY = factory();

    /** Stateless, so shared by all threads. */
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

    private Lz4Block() {
    }

    /** Whether the JNI library is in use (only it knows the fast compressor's acceleration). */
    static boolean nativeLz4() {
        return FACTORY == nativeOrNull();
    }

    private static LZ4Factory nativeOrNull() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (Throwable e) { // the JNI library is absent or does not load: lz4-java throws an Error then
            return null;
        }
    }

    private static LZ4Factory factory() {
        LZ4Factory f = nativeOrNull();
        if (f == null) {
            LOG.info("lz4-java's native library is not available: using its Java port (lz4 acceleration ignored)");
            return LZ4Factory.fastestJavaInstance();
        }
        return f;
    }

    /** Decode {@code src} into {@code dst}'s room; -1 for malformed input or output larger than the room. */
    static int decompress(ByteBuffer src, ByteBuffer dst) {
        int start = dst.position();
        try {
            int n = DECOMPRESSOR.decompress(src, src.position(), src.remaining(), dst, start, dst.remaining());
            if (n < 0) {
                return -1;
            }
            dst.position(start + n);
            return n;
        } catch (LZ4Exception | IndexOutOfBoundsException e) {
            return -1; // malformed, truncated, or larger than the room
        }
    }
}
