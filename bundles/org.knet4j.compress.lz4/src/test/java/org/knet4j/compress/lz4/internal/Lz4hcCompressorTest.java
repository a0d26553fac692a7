package org.knet4j.compress.lz4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knet4j.compress.testkit.CompressorContract;
import org.knet4j.spi.compress.Compressor;

class Lz4hcCompressorTest extends CompressorContract {
    private final Lz4hcCompressor lz4hc = new Lz4hcCompressor();

    @Override
    protected Compressor compressor() {
        return lz4hc;
    }

    @Override
    protected String model() {
        return "lz4hc";
    }

    @Override
    protected int wireId() {
        return 3;
    }

    @Override
    protected int[] roundTripLevels() {
        return new int[] {0, 1, 4, 9, 12, 20, -3};
    }

    @Override
    protected Map<Integer, Integer> acceptedLevels() {
        return Map.of(0, 0, 1, 1, 9, 9, 12, 12, 20, 20, -1, -1);
    }

    @Override
    protected int[] refusedLevels() {
        return new int[0];
    }

    @Override
    protected byte[] magic() {
        return new byte[0];
    }

    @Override
    protected boolean selfChecking() {
        return false;
    }

    @Test
    void usesLz4hcsLevelBounds() {
        assertThat(Lz4hcCompressor.effectiveLevel(0)).isEqualTo(9);
        assertThat(Lz4hcCompressor.effectiveLevel(-4)).isEqualTo(9);
        assertThat(Lz4hcCompressor.effectiveLevel(3)).isEqualTo(3);
        assertThat(Lz4hcCompressor.effectiveLevel(20)).isEqualTo(12);
    }
}
