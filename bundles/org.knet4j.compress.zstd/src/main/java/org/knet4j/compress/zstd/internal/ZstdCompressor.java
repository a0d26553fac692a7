package org.knet4j.compress.zstd.internal;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.compress.ModelCompressor;
import org.osgi.service.component.annotations.Component;

/**
 * libknet's zstd model (wire id 7, {@code compress_zstd.c}): {@code ZSTD_compressCCtx(level)} and
 * {@code ZSTD_decompressDCtx}, a standard zstd frame with its content size, no checksum and no dictionary id.
 *
 * <p>zstd-jni binds the C library. Each thread keeps one compression and one decompression context, as libknet
 * keeps one per handle; a packet allocates nothing. Direct buffers go to zstd as they are; heap buffers through
 * their arrays; a mix through a per-thread direct scratch buffer.
 *
 * <p>Beware (WIRE.md §8): a libknet 1.25 receiver crashes on a zstd packet unless its own model is zstd.
 */
@Component(service = Compressor.class, property = {Compressor.MODEL_PROPERTY + "=" + ZstdCompressor.MODEL,
        Compressor.ID_PROPERTY + ":Integer=" + ZstdCompressor.WIRE_ID})
public final class ZstdCompressor extends ModelCompressor {
    static final String MODEL = "zstd";
    static final int WIRE_ID = 7;
    /** {@code ZSTD_CLEVEL_DEFAULT}, libknet's default for zstd. */
    static final int DEFAULT_LEVEL = 3;
    /** A full packet plus what zstd adds to incompressible data, for the scratch buffers. */
    private static final int SCRATCH = 65536 + 1024;

    /** One thread's contexts; the compression context remembers the level it was set to. */
    private static final class Contexts {
        final ZstdCompressCtx cctx = new ZstdCompressCtx();
        final ZstdDecompressCtx dctx = new ZstdDecompressCtx();
        int level = Integer.MIN_VALUE;
        ByteBuffer in;
        ByteBuffer out;

        ZstdCompressCtx compressor(int wanted) {
            if (wanted != level) {
                cctx.setLevel(wanted); // zstd maps 0 to its default and clamps to its own bounds
                level = wanted;
            }
            return cctx;
        }

        ByteBuffer in(int size) {
            if (in == null || in.capacity() < size) {
                in = ByteBuffer.allocateDirect(Math.max(size, SCRATCH));
            }
            return in.clear();
        }

        ByteBuffer out() {
            if (out == null) {
                out = ByteBuffer.allocateDirect(SCRATCH);
            }
            return out.clear();
        }
    }

    private final ThreadLocal<Contexts> contexts = ThreadLocal.withInitial(Contexts::new);

    public ZstdCompressor() {
        super(MODEL, WIRE_ID, DEFAULT_LEVEL);
    }

    /** libknet checks nothing for zstd: every level passes its self-test (zstd clamps it). */
    @Override
    public int validateLevel(int level) {
        return level;
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst, int level) {
        Contexts c = contexts.get();
        ZstdCompressCtx cctx = c.compressor(level);
        int start = dst.position();
        try {
            int n;
            if (src.isDirect() && dst.isDirect()) {
                n = cctx.compressDirectByteBuffer(dst, start, dst.remaining(), src, src.position(), src.remaining());
            } else if (src.hasArray() && dst.hasArray()) {
                n = cctx.compressByteArray(dst.array(), dst.arrayOffset() + start, dst.remaining(), src.array(),
                        src.arrayOffset() + src.position(), src.remaining());
            } else {
                ByteBuffer in = c.in(src.remaining());
                in.put(src.duplicate()).flip();
                ByteBuffer out = c.out();
                n = cctx.compressDirectByteBuffer(out, 0, Math.min(out.capacity(), dst.remaining()), in, 0,
                        in.remaining());
                dst.put(start, out, 0, n);
            }
            dst.position(start + n);
            return n;
        } catch (ZstdException e) {
            return -1; // did not fit in dst
        }
    }

    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        Contexts c = contexts.get();
        int start = dst.position();
        try {
            int n;
            if (src.isDirect() && dst.isDirect()) {
                n = c.dctx.decompressDirectByteBuffer(dst, start, dst.remaining(), src, src.position(),
                        src.remaining());
            } else if (src.hasArray() && dst.hasArray()) {
                n = c.dctx.decompressByteArray(dst.array(), dst.arrayOffset() + start, dst.remaining(), src.array(),
                        src.arrayOffset() + src.position(), src.remaining());
            } else {
                ByteBuffer in = c.in(src.remaining());
                in.put(src.duplicate()).flip();
                ByteBuffer out = c.out();
                n = c.dctx.decompressDirectByteBuffer(out, 0, Math.min(out.capacity(), dst.remaining()), in, 0,
                        in.remaining());
                dst.put(start, out, 0, n);
            }
            if (n == 0) {
                return -1; // no frame, or only skippable frames: a message has at least one byte
            }
            dst.position(start + n);
            return n;
        } catch (ZstdException e) {
            return -1; // malformed, truncated, or larger than dst's room
        }
    }
}
