package org.knet4j.compress.bzip2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.knet4j.compress.testkit.CompressorContract;
import org.knet4j.spi.compress.Compressor;

class Bzip2CompressorTest extends CompressorContract {
    private final Bzip2Compressor bzip2 = new Bzip2Compressor();

    @Override
    protected Compressor compressor() {
        return bzip2;
    }

    @Override
    protected String model() {
        return "bzip2";
    }

    @Override
    protected int wireId() {
        return 6;
    }

    @Override
    protected int[] roundTripLevels() {
        return new int[] {1, 5, 9};
    }

    @Override
    protected Map<Integer, Integer> acceptedLevels() {
        return Map.of(1, 1, 5, 5, 9, 9);
    }

    @Override
    protected int[] refusedLevels() {
        return new int[] {0, 10, -1, 250};
    }

    @Override
    protected byte[] magic() {
        return new byte[] {'B', 'Z', 'h', '9'};
    }

    @Override
    protected boolean selfChecking() {
        return true;
    }

    /** What libbzip2 writes at a level: the same as commons-compress with that block size. */
    private static byte[] withBlockSize(byte[] data, int blockSize) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out, blockSize)) {
            bz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void writesWhatAFullBlockSizeEncoderWrites() throws Exception {
        for (int level : new int[] {1, 4, 9}) {
            byte[] data = compressible(65536, level);
            assertThat(bytes(compressDirect(data, level))).as("level %d", level).isEqualTo(withBlockSize(data, level));
        }
    }

    @Test
    void readsStreamsOfEveryBlockSize() throws Exception {
        byte[] data = compressible(20000, 3);
        for (int level = 1; level <= 9; level++) {
            assertThat(decompress(withBlockSize(data, level), 65536)).isEqualTo(data);
        }
    }

    @Test
    void refusesABlockLongerThanAPacketCanMake() throws Exception {
        // 300 kB of incompressible data at block size 9: one block far beyond 100 k
        byte[] big = random(300_000, 1);
        assertThat(decompress(withBlockSize(big, 9), 65536)).isNull();
    }
}
