package org.knet4j.compress.zstd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knet4j.compress.testkit.CompressorContract;
import org.knet4j.spi.compress.Compressor;

class ZstdCompressorTest extends CompressorContract {
    private final ZstdCompressor zstd = new ZstdCompressor();

    @Override
    protected Compressor compressor() {
        return zstd;
    }

    @Override
    protected String model() {
        return "zstd";
    }

    @Override
    protected int wireId() {
        return 7;
    }

    @Override
    protected int[] roundTripLevels() {
        return new int[] {0, 1, 3, 9, 19, 22, 30, -1, -5};
    }

    @Override
    protected Map<Integer, Integer> acceptedLevels() {
        return Map.of(0, 0, 3, 3, 30, 30, -5, -5, Integer.MIN_VALUE, Integer.MIN_VALUE);
    }

    @Override
    protected int[] refusedLevels() {
        return new int[0];
    }

    @Override
    protected byte[] magic() {
        return new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    }

    @Override
    protected boolean selfChecking() {
        return true;
    }

    @Test
    void framesCarryTheirContentSize() {
        byte[] data = compressible(1400, 6);
        byte[] frame = bytes(compressDirect(data, 3));
        assertThat(Zstd.getFrameContentSize(frame)).isEqualTo(1400);
    }

    @Test
    void worksWithADirectSourceAndAHeapDestination() {
        byte[] data = compressible(5000, 2);
        ByteBuffer src = ByteBuffer.allocateDirect(5000).put(data).flip();
        ByteBuffer dst = ByteBuffer.allocate(6000);
        int n = zstd.compress(src, dst, 3);
        assertThat(n).isPositive();
        ByteBuffer back = ByteBuffer.allocateDirect(65536);
        assertThat(zstd.decompress(dst.flip(), back)).isEqualTo(5000);
        byte[] out = new byte[5000];
        back.get(0, out);
        assertThat(out).isEqualTo(data);
    }
}
