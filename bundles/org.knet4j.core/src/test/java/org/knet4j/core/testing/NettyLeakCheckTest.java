package org.knet4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check itself can fail: a buffer dropped without release is reported. */
class NettyLeakCheckTest {
    @Test
    void aDroppedBufferIsReported() throws Exception {
        leak();
        assertThat(NettyLeakCheck.collectLeaks()).isNotEmpty();
    }

    @Test
    void releasedBuffersAreNot() throws Exception {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(100);
        b.writeInt(1);
        b.release();
        assertThat(NettyLeakCheck.collectLeaks()).isEmpty();
    }

    private static void leak() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(100);
        b.writeInt(42); // and never released
    }
}
