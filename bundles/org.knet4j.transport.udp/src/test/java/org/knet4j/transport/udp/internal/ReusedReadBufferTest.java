package org.knet4j.transport.udp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * The read buffer comes back for every read while only the socket holds it, a datagram still held elsewhere makes
 * the next read take a fresh one (never overwriting it), and close gives the kept buffer back.
 */
class ReusedReadBufferTest {
    private final PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);
    private final ReusedReadBuffer reads = new ReusedReadBuffer(4096);
    private final RecvByteBufAllocator.Handle handle = reads.newHandle();

    @Test
    void theSameBufferServesEveryReadEmpty() {
        ByteBuf first = handle.allocate(alloc);
        first.writeBytes(new byte[100]);
        first.release(); // the reader is done with it, as Netty's read loop is
        ByteBuf second = handle.allocate(alloc);
        assertThat(second).isSameAs(first);
        assertThat(second.writerIndex()).isZero();
        assertThat(second.capacity()).isEqualTo(4096);
        second.release();
        reads.close();
        assertThat(first.refCnt()).isZero();
    }

    @Test
    void aDatagramStillHeldIsNeverOverwritten() {
        ByteBuf first = handle.allocate(alloc);
        first.writeBytes(new byte[] {1, 2, 3});
        ByteBuf held = first.retainedSlice(0, 3); // a datagram someone keeps past the read
        first.release();
        ByteBuf second = handle.allocate(alloc);
        assertThat(second).isNotSameAs(first);
        assertThat(held.getByte(2)).isEqualTo((byte) 3);
        held.release();
        assertThat(first.refCnt()).as("freed once its last holder let go").isZero();
        second.release();
        reads.close();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void afterCloseReadsGetBuffersOfTheirOwn() {
        reads.close();
        ByteBuf late = handle.allocate(alloc);
        assertThat(late.refCnt()).isEqualTo(1);
        late.release();
        assertThat(late.refCnt()).isZero();
    }

    @Test
    void theReadLoopPolicyIsNettysFixedOne() {
        reads.maxMessagesPerRead(7);
        assertThat(reads.maxMessagesPerRead()).isEqualTo(7);
        assertThat(handle.guess()).isEqualTo(4096);
    }
}
