package org.knet4j.compress.lzma.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.compress.ModelCompressor;
import org.knet4j.spi.compress.streams.ArraySink;
import org.knet4j.spi.compress.streams.ArraySource;
import org.osgi.service.component.annotations.Component;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * libknet's lzma model (wire id 5, {@code compress_lzma.c}): {@code lzma_easy_buffer_encode(preset = level,
 * LZMA_CHECK_NONE)}, that is one .xz stream with one LZMA2 block and no integrity check, and
 * {@code lzma_stream_buffer_decode} for one stream.
 *
 * <p>The level is a liblzma preset: 0..9, optionally with {@code LZMA_PRESET_EXTREME} (bit 31, so a negative int
 * here); liblzma refuses anything else, which libknet's self-test turns into EINVAL.
 *
 * <p>Two departures that change no byte a receiver delivers: the encoder's dictionary is capped at 64 KiB, since
 * a packet is never longer (so the stream says 64 KiB where liblzma would say e.g. 8 MiB, and receivers allocate
 * less); and the decoder caps the dictionary a sender declares the same way ({@link XzDictionaryCap}), so a
 * packet never makes it allocate more than that. Each thread keeps its XZ array cache and its scratch arrays.
 */
@Component(service = Compressor.class, property = {Compressor.MODEL_PROPERTY + "=" + LzmaCompressor.MODEL,
        Compressor.ID_PROPERTY + ":Integer=" + LzmaCompressor.WIRE_ID})
public final class LzmaCompressor extends ModelCompressor {
    static final String MODEL = "lzma";
    static final int WIRE_ID = 5;
    /** {@code LZMA_PRESET_DEFAULT}, libknet's default for lzma. */
    static final int DEFAULT_LEVEL = 6;
    /** {@code LZMA_PRESET_EXTREME}. */
    static final int PRESET_EXTREME = 0x80000000;
    private static final int MAX_PACKET = 65536;
    private static final int DICT_CAP = 1 << 16;
    /** KiB: a 64 KiB-dictionary LZMA2 decoder needs about 170. */
    private static final int DECODER_MEMORY_LIMIT_KIB = 1024;

    /** One thread's working set. */
    private static final class Work {
        final BasicArrayCache cache = new BasicArrayCache();
        final byte[] in = new byte[MAX_PACKET + 4096];
        final byte[] out = new byte[MAX_PACKET + 4096];
        final ArraySink sink = new ArraySink();
        final ArraySource source = new ArraySource();
        final LZMA2Options[] options = new LZMA2Options[20]; // 0..9, then 10..19 for the extreme variants
    }

    private final ThreadLocal<Work> work = ThreadLocal.withInitial(Work::new);

    public LzmaCompressor() {
        super(MODEL, WIRE_ID, DEFAULT_LEVEL);
    }

    @Override
    public int validateLevel(int level) throws KnetException {
        if (!valid(level)) {
            throw new KnetException(KnetError.EINVAL, "lzma compress level " + level
                    + " is not a liblzma preset 0..9 (optionally with LZMA_PRESET_EXTREME, bit 31)");
        }
        return level;
    }

    private static boolean valid(int level) {
        int preset = level & ~PRESET_EXTREME;
        return preset >= 0 && preset <= 9;
    }

    /** liblzma's preset, with its extreme variant (lzma_lzma_preset in liblzma), and our 64 KiB dictionary. */
    static LZMA2Options options(int level) throws UnsupportedOptionsException {
        int preset = level & ~PRESET_EXTREME;
        LZMA2Options o = new LZMA2Options(preset);
        if ((level & PRESET_EXTREME) != 0) {
            o.setMode(LZMA2Options.MODE_NORMAL);
            o.setMatchFinder(LZMA2Options.MF_BT4);
            if (preset == 3 || preset == 5) {
                o.setNiceLen(192);
                o.setDepthLimit(0);
            } else {
                o.setNiceLen(273);
                o.setDepthLimit(512);
            }
        }
        o.setDictSize(Math.min(o.getDictSize(), DICT_CAP));
        return o;
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst, int level) {
        if (!valid(level)) {
            return -1;
        }
        Work w = work.get();
        int slot = (level & ~PRESET_EXTREME) + ((level & PRESET_EXTREME) != 0 ? 10 : 0);
        int len = src.remaining();
        try {
            if (w.options[slot] == null) {
                w.options[slot] = options(level);
            }
            byte[] in = len <= w.in.length ? w.in : new byte[len];
            src.duplicate().get(in, 0, len);
            ArraySink sink = w.sink.reset(w.out, dst.remaining());
            try (XZOutputStream xz = new XZOutputStream(sink, w.options[slot], XZ.CHECK_NONE, w.cache)) {
                xz.write(in, 0, len);
                xz.finish();
            }
            int n = sink.count();
            dst.put(w.out, 0, n);
            return n;
        } catch (IOException e) {
            return -1; // larger than dst's room
        }
    }

    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        Work w = work.get();
        int len = src.remaining();
        if (len > w.in.length) {
            return -1; // longer than any packet
        }
        src.duplicate().get(w.in, 0, len);
        if (!XzDictionaryCap.capFirstBlock(w.in, len)) {
            return -1;
        }
        int room = Math.min(dst.remaining(), MAX_PACKET);
        int n = 0;
        try (SingleXZInputStream xz = new SingleXZInputStream(w.source.reset(w.in, len),
                DECODER_MEMORY_LIMIT_KIB, true, w.cache)) {
            // read one byte past the room: a stream that gives it is larger than allowed
            while (true) {
                int r = xz.read(w.out, n, room + 1 - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (n > room) {
                    return -1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // malformed, truncated, or a block needing more memory than a packet's dictionary
        }
        if (n == 0) {
            return -1; // a message has at least one byte
        }
        dst.put(w.out, 0, n);
        return n;
    }
}
