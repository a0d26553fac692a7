package org.knet4j.compress.lz4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knet4j.compress.testkit.CompressorContract;
import org.knet4j.spi.compress.Compressor;

class Lz4CompressorTest extends CompressorContract {
    private final Lz4Compressor lz4 = new Lz4Compressor();

    @Override
    protected Compressor compressor() {
        return lz4;
    }

    @Override
    protected String model() {
        return "lz4";
    }

    @Override
    protected int wireId() {
        return 2;
    }

    @Override
    protected int[] roundTripLevels() {
        return new int[] {0, 1, 2, 9, 100, -5}; // near LZ4_ACCELERATION_MAX little is compressed at all
    }

    @Override
    protected Map<Integer, Integer> acceptedLevels() {
        return Map.of(0, 0, 1, 1, 100, 100, -1, -1, 65537, 65537, Integer.MIN_VALUE, Integer.MIN_VALUE);
    }

    @Override
    protected int[] refusedLevels() {
        return new int[0];
    }

    @Override
    protected byte[] magic() {
        return new byte[0]; // a raw block: its first byte is the first sequence's token
    }

    @Override
    protected boolean selfChecking() {
        return false;
    }

    @Test
    void usesLibknetsAccelerationBounds() {
        assertThat(Lz4Compressor.acceleration(0)).isEqualTo(1);
        assertThat(Lz4Compressor.acceleration(-7)).isEqualTo(1);
        assertThat(Lz4Compressor.acceleration(5)).isEqualTo(5);
        assertThat(Lz4Compressor.acceleration(1 << 30)).isEqualTo(65537);
    }

    @Test
    void usesTheJniLibrary() {
        assertThat(Lz4Block.nativeLz4()).as("lz4-java's JNI library loads on linux-x86_64").isTrue();
    }

    @Test
    void aHighAccelerationTradesRatioForSpeed() {
        byte[] data = compressible(65536, 3);
        ByteBuffer slow = compressDirect(data, 1);
        ByteBuffer fast = compressDirect(data, Integer.MAX_VALUE);
        assertThat(slow.remaining()).isLessThan(fast.remaining());
        assertThat(decompress(bytes(fast), 65536)).isEqualTo(data);
    }

    @Test
    void lz4hcBlocksAreTheSameFormat() {
        byte[] data = compressible(1400, 8);
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer dst = ByteBuffer.allocate(2000);
        int n = new Lz4hcCompressor().compress(src, dst, 9);
        assertThat(n).isPositive();
        assertThat(decompress(java.util.Arrays.copyOf(dst.array(), n), 65536)).isEqualTo(data);
    }
}
