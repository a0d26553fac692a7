package org.knet4j.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Big and small entries are reused from bounded free lists; middle-sized ones and everything after close go back to
 * the pool.
 */
class EntryBuffersTest {
    private final EntryBuffers buffers = new EntryBuffers(PooledByteBufAllocator.DEFAULT);

    @Test
    void aBigEntryIsReusedEmpty() {
        ByteBuf first = buffers.allocate(65000);
        assertThat(first.maxCapacity()).isEqualTo(EntryBuffers.LARGE_CAPACITY);
        first.writeBytes(new byte[65000]);
        buffers.release(first);
        assertThat(first.refCnt()).isEqualTo(1);
        assertThat(buffers.kept()).isEqualTo(1);
        ByteBuf again = buffers.allocate(40000);
        assertThat(again).isSameAs(first);
        assertThat(again.readableBytes()).isZero();
        buffers.release(again);
        buffers.close();
        assertThat(first.refCnt()).isZero();
    }

    @Test
    void aSmallEntryIsReusedEmpty() {
        ByteBuf small = buffers.allocate(1400);
        assertThat(small.maxCapacity()).isEqualTo(EntryBuffers.SMALL_CAPACITY);
        small.writeBytes(new byte[1400]);
        buffers.release(small);
        assertThat(small.refCnt()).isEqualTo(1);
        assertThat(buffers.kept()).isEqualTo(1);
        ByteBuf again = buffers.allocate(64);
        assertThat(again).isSameAs(small);
        assertThat(again.readableBytes()).isZero();
        buffers.release(again);
        buffers.close();
        assertThat(small.refCnt()).isZero();
    }

    @Test
    void aMiddleSizedEntryGoesBackToThePool() {
        ByteBuf middle = buffers.allocate(EntryBuffers.SMALL_CAPACITY + 1);
        buffers.release(middle);
        assertThat(middle.refCnt()).isZero();
        assertThat(buffers.kept()).isZero();
    }

    @Test
    void atMostKeptSmallBuffersWait() {
        List<ByteBuf> all = new ArrayList<>();
        for (int i = 0; i < EntryBuffers.KEPT_SMALL + 5; i++) {
            all.add(buffers.allocate(100));
        }
        all.forEach(buffers::release);
        assertThat(buffers.kept()).isEqualTo(EntryBuffers.KEPT_SMALL);
        assertThat(all.stream().filter(b -> b.refCnt() == 0)).hasSize(5);
        buffers.close();
        assertThat(all).allMatch(b -> b.refCnt() == 0);
    }

    @Test
    void atMostKeptBuffersWaitAndCloseReleasesThem() {
        List<ByteBuf> all = new ArrayList<>();
        for (int i = 0; i < EntryBuffers.KEPT + 10; i++) {
            all.add(buffers.allocate(EntryBuffers.LARGE + 1));
        }
        all.forEach(buffers::release);
        assertThat(buffers.kept()).isEqualTo(EntryBuffers.KEPT);
        assertThat(all.stream().filter(b -> b.refCnt() == 0)).hasSize(10);
        buffers.close();
        assertThat(all).allMatch(b -> b.refCnt() == 0);
        ByteBuf late = buffers.allocate(50000);
        buffers.release(late); // closed: not kept
        assertThat(late.refCnt()).isZero();
    }

    @Test
    void anEntryLargerThanAnyMessageIsRefused() {
        assertThatThrownBy(() -> buffers.allocate(EntryBuffers.LARGE_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65553");
    }
}
