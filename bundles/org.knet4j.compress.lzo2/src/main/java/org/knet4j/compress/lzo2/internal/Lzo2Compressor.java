package org.knet4j.compress.lzo2.internal;

import java.nio.ByteBuffer;
import org.anarres.lzo.LzoCompressor;
import org.anarres.lzo.LzoCompressor1x_1;
import org.anarres.lzo.LzoCompressor1x_999;
import org.anarres.lzo.LzoDecompressor1x_safe;
import org.anarres.lzo.LzoTransformer;
import org.anarres.lzo.lzo_uintp;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.compress.ModelCompressor;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libknet's lzo2 model (wire id 4, {@code compress_lzo2.c}): raw LZO1X, compressed by the lzo1x variant the level
 * names (1 → lzo1x_1, 11/12/15 → lzo1x_1_11/_12/_15, 999 → lzo1x_999, anything else → lzo1x_1 with a warning),
 * decompressed in 1.25 with the unchecked {@code lzo1x_decompress}.
 *
 * <p>lzo-core (embedded in this bundle) has lzo1x_1 and lzo1x_999 (at lzo's level 8, as
 * {@code lzo1x_999_compress} uses). The 1_11/_12/_15 variants only change lzo1x_1's hash table size, not the
 * format, so they are served by lzo1x_1. Decoding always uses the checked {@code lzo1x_decompress_safe}, bounded
 * by the room given: malformed input is refused where 1.25 could crash (upstream issue #435).
 */
@Component(service = Compressor.class, property = {Compressor.MODEL_PROPERTY + "=" + Lzo2Compressor.MODEL,
        Compressor.ID_PROPERTY + ":Integer=" + Lzo2Compressor.WIRE_ID})
public final class Lzo2Compressor extends ModelCompressor {
    static final String MODEL = "lzo2";
    static final int WIRE_ID = 4;
    /** libknet has no lzo2 default (KNET_COMPRESS_UNKNOWN_DEFAULT); level 1, lzo1x_1, is its fallback. */
    static final int DEFAULT_LEVEL = 1;
    /** The level {@code lzo1x_999_compress} passes to {@code lzo1x_999_compress_level}. */
    private static final int LZO1X_999_LEVEL = 8;
    private static final int MAX_PACKET = 65536;

    private static final Logger LOG = LoggerFactory.getLogger(Lzo2Compressor.class);

    /** One thread's compressors (lzo1x_1 keeps its hash table in the instance), scratch arrays and length cell. */
    private static final class Work {
        final LzoCompressor fast = new LzoCompressor1x_1();
        LzoCompressor best;
        final LzoDecompressor1x_safe decompressor = new LzoDecompressor1x_safe();
        final lzo_uintp len = new lzo_uintp();
        byte[] in = new byte[MAX_PACKET + 4096];
        byte[] out = new byte[MAX_PACKET + 4096];
    }

    private final ThreadLocal<Work> work = ThreadLocal.withInitial(Work::new);

    public Lzo2Compressor() {
        super(MODEL, WIRE_ID, DEFAULT_LEVEL);
    }

    /** libknet's lzo2_val_level accepts every level; unknown ones fall back to lzo1x_1. */
    @Override
    public int validateLevel(int level) {
        switch (level) {
            case 1, 11, 12, 15, 999 -> LOG.debug("lzo2 level {}: {}", level, level == 999 ? "lzo1x_999" : "lzo1x_1");
            default -> LOG.warn("Unknown lzo2 compress level {}: lzo1x_1 will be used as the fallback", level);
        }
        return level;
    }

    /** The worst case of LZO1X on incompressible input: {@code n + n / 16 + 64 + 3}. */
    static int bound(int n) {
        return n + n / 16 + 64 + 3;
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst, int level) {
        Work w = work.get();
        int n = src.remaining();
        if (w.in.length < n) {
            w.in = new byte[n];
        }
        if (w.out.length < bound(n)) {
            w.out = new byte[bound(n)];
        }
        src.duplicate().get(w.in, 0, n);
        LzoCompressor c = w.fast;
        if (level == 999) {
            if (w.best == null) {
                w.best = new LzoCompressor1x_999(LZO1X_999_LEVEL);
            }
            c = w.best;
        }
        w.len.value = w.out.length;
        int rc;
        try {
            rc = c.compress(w.in, 0, n, w.out, 0, w.len);
        } catch (RuntimeException e) {
            return -1;
        }
        int written = w.len.value;
        if (rc != LzoTransformer.LZO_E_OK || written > dst.remaining()) {
            return -1;
        }
        dst.put(w.out, 0, written);
        return written;
    }

    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        Work w = work.get();
        int n = src.remaining();
        if (n > w.in.length) {
            return -1; // longer than any packet
        }
        src.duplicate().get(w.in, 0, n);
        int room = Math.min(dst.remaining(), MAX_PACKET);
        w.len.value = room;
        int rc;
        try {
            rc = w.decompressor.decompress(w.in, 0, n, w.out, 0, w.len);
        } catch (RuntimeException | AssertionError e) {
            // the port's own bounds checks; with -ea, lzo-core's assertions also trip on malformed input
            return -1;
        }
        int written = w.len.value;
        // LZO_E_OUTPUT_OVERRUN: larger than the room; any other code (also INPUT_NOT_CONSUMED) is what lzo refuses
        if (rc != LzoTransformer.LZO_E_OK || written <= 0 || written > room) {
            return -1;
        }
        dst.put(w.out, 0, written);
        return written;
    }
}
