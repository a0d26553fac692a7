package org.knet4j.compress.bzip2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.compress.ModelCompressor;
import org.knet4j.spi.compress.streams.ArraySink;
import org.knet4j.spi.compress.streams.ArraySource;
import org.osgi.service.component.annotations.Component;

/**
 * libknet's bzip2 model (wire id 6, {@code compress_bzip2.c}): {@code BZ2_bzBuffToBuffCompress(blockSize100k =
 * level)} and {@code BZ2_bzBuffToBuffDecompress}, one .bz2 stream ("BZh" and the level's digit).
 *
 * <p>The level only sets the largest block, and a packet (at most 64 KiB, at most 80 KiB after bzip2's first
 * run-length step) always fits in one block of 100 k. So both directions work with 100 k blocks: the encoder
 * writes the stream with block size 1 and then puts the configured level's digit into the header, which gives the
 * stream libbzip2 writes at that level; the decoder reads the header's digit as 1, so a hostile stream cannot make
 * it allocate 900 k-entry tables, and a block longer than 100 k (which could only decompress beyond a packet) is
 * refused. commons-compress has no reusable state: each packet still allocates its block tables.
 */
@Component(service = Compressor.class, property = {Compressor.MODEL_PROPERTY + "=" + Bzip2Compressor.MODEL,
        Compressor.ID_PROPERTY + ":Integer=" + Bzip2Compressor.WIRE_ID})
public final class Bzip2Compressor extends ModelCompressor {
    static final String MODEL = "bzip2";
    static final int WIRE_ID = 6;
    /** libknet has no bzip2 default (KNET_COMPRESS_UNKNOWN_DEFAULT); 9 is bzip2's own. */
    static final int DEFAULT_LEVEL = 9;
    private static final int MAX_PACKET = 65536;
    /** "BZh" then the block size digit. */
    private static final int DIGIT_AT = 3;

    /** One thread's scratch arrays and streams. */
    private static final class Work {
        final byte[] in = new byte[MAX_PACKET + 4096];
        final byte[] out = new byte[MAX_PACKET + 4096];
        final ArraySink sink = new ArraySink();
        final ArraySource source = new ArraySource();
    }

    private final ThreadLocal<Work> work = ThreadLocal.withInitial(Work::new);

    public Bzip2Compressor() {
        super(MODEL, WIRE_ID, DEFAULT_LEVEL);
    }

    /** libbzip2 refuses a block size outside 1..9 (BZ_PARAM_ERROR), which libknet reports as EINVAL. */
    @Override
    public int validateLevel(int level) throws KnetException {
        if (level < 1 || level > 9) {
            throw new KnetException(KnetError.EINVAL, "bzip2 compress level " + level + " is not 1..9");
        }
        return level;
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst, int level) {
        if (level < 1 || level > 9) {
            return -1;
        }
        Work w = work.get();
        int len = src.remaining();
        byte[] in = len <= w.in.length ? w.in : new byte[len];
        src.duplicate().get(in, 0, len);
        ArraySink sink = w.sink.reset(w.out, dst.remaining());
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(sink, 1)) {
            bz.write(in, 0, len); // close() finishes the stream (commons-compress 1.28 fails on finish() + close())
        } catch (IOException e) {
            return -1; // larger than dst's room
        }
        int n = sink.count();
        w.out[DIGIT_AT] = (byte) ('0' + level);
        dst.put(w.out, 0, n);
        return n;
    }

    @Override
    public int decompress(ByteBuffer src, ByteBuffer dst) {
        Work w = work.get();
        int len = src.remaining();
        if (len > w.in.length) {
            return -1;
        }
        src.duplicate().get(w.in, 0, len);
        if (len > DIGIT_AT && w.in[DIGIT_AT] > '1' && w.in[DIGIT_AT] <= '9') {
            w.in[DIGIT_AT] = '1';
        }
        int room = Math.min(dst.remaining(), MAX_PACKET);
        int n = 0;
        try (BZip2CompressorInputStream bz = new BZip2CompressorInputStream(w.source.reset(w.in, len), false)) {
            while (true) {
                int r = bz.read(w.out, n, room + 1 - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (n > room) {
                    return -1; // one byte past the room: larger than allowed
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // malformed or truncated
        }
        if (n == 0) {
            return -1;
        }
        dst.put(w.out, 0, n);
        return n;
    }
}
