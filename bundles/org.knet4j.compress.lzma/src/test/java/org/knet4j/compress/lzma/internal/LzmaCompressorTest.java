package org.knet4j.compress.lzma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knet4j.compress.testkit.CompressorContract;
import org.knet4j.spi.compress.Compressor;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

class LzmaCompressorTest extends CompressorContract {
    private final LzmaCompressor lzma = new LzmaCompressor();

    @Override
    protected Compressor compressor() {
        return lzma;
    }

    @Override
    protected String model() {
        return "lzma";
    }

    @Override
    protected int wireId() {
        return 5;
    }

    @Override
    protected int[] roundTripLevels() {
        return new int[] {0, 1, 3, 6, 9, 0x80000000 | 6, 0x80000000 | 3};
    }

    @Override
    protected Map<Integer, Integer> acceptedLevels() {
        return Map.of(0, 0, 6, 6, 9, 9, 0x80000000 | 9, 0x80000000 | 9);
    }

    @Override
    protected int[] refusedLevels() {
        return new int[] {10, -1, 0x80000000 | 10, 0x40000006, 100};
    }

    @Override
    protected byte[] magic() {
        return new byte[] {(byte) 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x00}; // flags: check NONE
    }

    @Override
    protected boolean selfChecking() {
        return true;
    }

    /** What liblzma's easy encoder writes: the preset's own dictionary (8 MiB at 6) in the block header. */
    private static byte[] asLiblzmaWrites(byte[] data, int preset) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(preset), XZ.CHECK_NONE)) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void readsStreamsDeclaringLargeDictionaries() throws Exception {
        for (int preset : new int[] {6, 9}) {
            byte[] data = compressible(65536, preset);
            byte[] stream = asLiblzmaWrites(data, preset);
            assertThat(decompress(stream, 65536)).as("preset %d", preset).isEqualTo(data);
        }
    }

    @Test
    void writesA64KiBDictionary() {
        byte[] c = bytes(compressDirect(compressible(1400, 1), 9));
        // stream header (12), block header size, flags, then filter id 0x21, props size 1, dictionary property
        int at = 12 + 2 + ((c[13] & 0x40) != 0 ? 1 : 0);
        while ((c[at] & 0xff) != 0x21) {
            at++;
        }
        assertThat(c[at + 1]).isEqualTo((byte) 1);
        assertThat(c[at + 2]).isEqualTo((byte) XzDictionaryCap.DICT_64K);
    }

    @Test
    void refusesABlockHeaderWithABadCrc() throws Exception {
        byte[] stream = asLiblzmaWrites(compressible(1400, 2), 6);
        stream[12 + 3] ^= 0x01;
        assertThat(decompress(stream, 65536)).isNull();
    }

    @Test
    void readsOtherCheckTypes() throws Exception {
        byte[] data = compressible(3000, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(6), XZ.CHECK_CRC64)) {
            xz.write(data);
        }
        assertThat(decompress(out.toByteArray(), 65536)).isEqualTo(data);
    }
}
