package org.knet4j.compress.lzo2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knet4j.compress.testkit.CompressorContract;
import org.knet4j.spi.compress.Compressor;

class Lzo2CompressorTest extends CompressorContract {
    private final Lzo2Compressor lzo2 = new Lzo2Compressor();

    @Override
    protected Compressor compressor() {
        return lzo2;
    }

    @Override
    protected String model() {
        return "lzo2";
    }

    @Override
    protected int wireId() {
        return 4;
    }

    @Override
    protected int[] roundTripLevels() {
        return new int[] {1, 11, 12, 15, 999, 0, 7, -1};
    }

    @Override
    protected Map<Integer, Integer> acceptedLevels() {
        Map<Integer, Integer> m = new HashMap<>();
        for (int l : new int[] {1, 11, 12, 15, 999, 0, 7, -3, 100000}) {
            m.put(l, l);
        }
        return m;
    }

    @Override
    protected int[] refusedLevels() {
        return new int[0];
    }

    @Override
    protected byte[] magic() {
        return new byte[0]; // raw LZO1X: no header
    }

    @Override
    protected boolean selfChecking() {
        return false;
    }

    @Test
    void lzo1x999CompressesAtLeastAsWellAsLzo1x1() {
        byte[] data = compressible(65536, 4);
        assertThat(compressDirect(data, 999).remaining()).isLessThanOrEqualTo(compressDirect(data, 1).remaining());
    }

    @Test
    void refusesTrailingBytesAsLzoDoes() {
        byte[] c = bytes(compressDirect(compressible(1400, 2), 1));
        byte[] longer = java.util.Arrays.copyOf(c, c.length + 3);
        assertThat(decompress(longer, 65536)).isNull();
    }
}
