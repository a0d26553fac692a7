package org.knet4j.core.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.knet4j.spi.compress.ModelCompressor;

class PluginRegistryTest {
    /** A codec that copies: enough to tell instances apart. */
    private static final class Copying extends ModelCompressor {
        Copying() {
            super("zlib", 1, -1);
        }

        @Override
        public int validateLevel(int level) {
            return level;
        }

        @Override
        public int compress(ByteBuffer src, ByteBuffer dst, int level) {
            int n = src.remaining();
            dst.put(src);
            return n;
        }

        @Override
        public int decompress(ByteBuffer src, ByteBuffer dst) {
            return compress(src, dst, 0);
        }
    }

    @Test
    void aDepartedDecompressorServesInFlightPacketsForAShortGraceOnly() throws Exception {
        PluginRegistry r = new PluginRegistry();
        Copying first = new Copying();
        r.addCompressor(first);
        assertThat(r.compressorById(1)).isSameAs(first);

        r.removeCompressor(first);
        assertThat(r.compressor("zlib")).as("senders stop using it at once").isNull();
        assertThat(r.compressModels()).doesNotContain("zlib");
        assertThat(r.compressorById(1)).as("packets already on their way still decode").isSameAs(first);

        TimeUnit.NANOSECONDS.sleep(PluginRegistry.RETIRE_GRACE_NANOS + TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(r.compressorById(1)).as("after the grace: unknown, counted and dropped").isNull();
    }

    @Test
    void aReturningProviderEndsTheGraceAndAnotherProviderMeansNoGrace() {
        PluginRegistry r = new PluginRegistry();
        Copying first = new Copying();
        Copying second = new Copying();
        r.addCompressor(first);
        r.addCompressor(second);
        r.removeCompressor(first);
        assertThat(r.compressorById(1)).as("the standby takes over").isSameAs(second);

        r.removeCompressor(second);
        Copying third = new Copying();
        r.addCompressor(third);
        assertThat(r.compressorById(1)).isSameAs(third);
        assertThat(r.compressor("zlib")).isSameAs(third);
    }
}
