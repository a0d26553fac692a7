package org.knet4j.compress.zlib.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.knet4j.compress.testkit.CompressorContract;
import org.knet4j.spi.compress.Compressor;

class ZlibCompressorTest extends CompressorContract {
    private final ZlibCompressor zlib = new ZlibCompressor();

    @Override
    protected Compressor compressor() {
        return zlib;
    }

    @Override
    protected String model() {
        return "zlib";
    }

    @Override
    protected int wireId() {
        return 1;
    }

    @Override
    protected int[] roundTripLevels() {
        return new int[] {-1, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    }

    @Override
    protected Map<Integer, Integer> acceptedLevels() {
        return Map.of(-1, -1, 0, -1, 1, 1, 6, 6, 9, 9);
    }

    @Override
    protected int[] refusedLevels() {
        return new int[] {10, -2, 100, Integer.MIN_VALUE};
    }

    @Override
    protected byte[] magic() {
        return new byte[] {0x78, (byte) 0x9c};
    }

    @Override
    protected boolean selfChecking() {
        return true;
    }

    @Test
    void readsAStreamEndingExactlyAtTheRoom() {
        // the adler32 is still unread when the last data byte fills the room
        byte[] data = compressible(1000, 2);
        byte[] c = bytes(compressDirect(data, 9));
        assertThat(decompress(c, 1000)).isEqualTo(data);
    }

    @Test
    void readsWhatAnotherZlibWriterWrites() throws Exception {
        byte[] data = compressible(1400, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        assertThat(decompress(out.toByteArray(), 65536)).isEqualTo(data);
    }

    @Test
    void levelsAboveNineAreNotUsedEvenIfValidationWasSkipped() {
        assertThat(zlib.compress(ByteBuffer.wrap(compressible(500, 1)), ByteBuffer.allocate(1000), 10)).isEqualTo(-1);
    }
}
