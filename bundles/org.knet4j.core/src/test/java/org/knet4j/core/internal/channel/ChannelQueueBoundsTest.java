package org.knet4j.core.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knet4j.core.internal.util.EntryBuffers;
import org.knet4j.core.internal.util.ReadOnlySlices;

/** A channel's queue holds at most DEFAULT_BYTES of messages (libknet's socketpair buffer), and always one. */
class ChannelQueueBoundsTest {
    private final EntryBuffers buffers = new EntryBuffers(PooledByteBufAllocator.DEFAULT);
    private final ReadOnlySlices views = new ReadOnlySlices();
    private final DataChannelImpl channel = new DataChannelImpl(0, new DataChannelImpl.Owner() {
        @Override
        public void send(int c, ByteBuffer message) {
        }

        @Override
        public void sendSync(int c, ByteBuffer message) {
        }

        @Override
        public void closed(DataChannelImpl c) {
        }
    }, buffers, DataChannelImpl.DEFAULT_CAPACITY);

    @AfterEach
    void tearDown() {
        channel.close();
        buffers.close();
    }

    @Test
    void bigMessagesStopAtTheByteBound() throws Exception {
        ByteBuffer big = ByteBuffer.allocateDirect(65536);
        int taken = 0;
        while (taken < 1000 && channel.deliver(1, big.duplicate(), views)) {
            taken++;
        }
        int expected = DataChannelImpl.DEFAULT_BYTES / (65536 + 2);
        assertThat(taken).isEqualTo(expected);
        assertThat(channel.queued()).isEqualTo(expected);
        // a reader makes room, and the next message fits again
        assertThat(channel.receive(ByteBuffer.allocate(65536), Duration.ofSeconds(1))).isEqualTo(65536);
        assertThat(channel.deliver(1, big.duplicate(), views)).isTrue();
        assertThat(channel.deliver(1, big.duplicate(), views)).isFalse();
    }

    @Test
    void smallMessagesStopAtTheCountBound() {
        ByteBuffer small = ByteBuffer.allocate(10);
        int taken = 0;
        while (taken < DataChannelImpl.DEFAULT_CAPACITY + 10 && channel.deliver(1, small.duplicate(), views)) {
            taken++;
        }
        assertThat(taken).isEqualTo(DataChannelImpl.DEFAULT_CAPACITY);
    }

    @Test
    void emptyingTheQueueKeepsItsBigBuffersForReuse() throws Exception {
        ByteBuffer big = ByteBuffer.allocateDirect(60000);
        for (int i = 0; i < 20; i++) {
            assertThat(channel.deliver(1, big.duplicate(), views)).isTrue();
        }
        ByteBuffer into = ByteBuffer.allocate(65536);
        for (int i = 0; i < 20; i++) {
            into.clear();
            assertThat(channel.receive(into, Duration.ofSeconds(1))).isEqualTo(60000);
        }
        assertThat(buffers.kept()).isEqualTo(20);
    }
}
