package org.knet4j.transport.udp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * One socket's read buffer, kept from one read to the next. With recvmmsg every read takes a buffer of 16 × 64
 * KiB; taken from the pool each time, it cost a pool allocation, a free and a new buffer object per read (a
 * quarter of the bytes the receive path allocated, by JFR). Here the socket keeps one: each read gets it back
 * while nobody else holds part of it (its reference count is ours alone), else a fresh one is taken and the old one
 * left to those still holding it.
 *
 * <p>The read loop's policy (messages per read) is Netty's fixed-size allocator's. One socket only: Netty asks for
 * the handle once per channel and calls it on the channel's event loop. {@link #close()} (on that loop, after the
 * channel closed) gives the kept buffer back.
 */
final class ReusedReadBuffer implements MaxMessagesRecvByteBufAllocator {
    private final int size;
    private final FixedRecvByteBufAllocator sizing;
    /** The kept buffer (event-loop thread only); null before the first read and after close. */
    private ByteBuf kept;
    private boolean closed;

    ReusedReadBuffer(int size) {
        this.size = size;
        this.sizing = new FixedRecvByteBufAllocator(size);
    }

    @Override
    public int maxMessagesPerRead() {
        return sizing.maxMessagesPerRead();
    }

    @Override
    public MaxMessagesRecvByteBufAllocator maxMessagesPerRead(int maxMessagesPerRead) {
        sizing.maxMessagesPerRead(maxMessagesPerRead);
        return this;
    }

    @Override
    public Handle newHandle() {
        return new KeptHandle((ExtendedHandle) sizing.newHandle());
    }

    /** The buffer for the next read: the kept one with its indices reset and a reference for the reader. */
    ByteBuf next(ByteBufAllocator alloc) {
        if (closed) {
            return alloc.directBuffer(size);
        }
        if (kept != null && kept.refCnt() == 1) {
            return kept.clear().retain();
        }
        if (kept != null) {
            kept.release(); // still held by someone: theirs now, freed when they let go
        }
        kept = alloc.directBuffer(size, size);
        return kept.retain();
    }

    /** Give the kept buffer back to the pool; later reads (there should be none) get fresh buffers. */
    void close() {
        closed = true;
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    /**
     * The sizing handle's read loop policy (Netty's delegating handle), with this socket's kept buffer for every
     * read. Extended, because the epoll channel requires it of the handle it wraps.
     */
    private final class KeptHandle extends DelegatingHandle implements ExtendedHandle {
        KeptHandle(ExtendedHandle policy) {
            super(policy);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return next(alloc);
        }

        @Override
        public int guess() {
            return size;
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            // the constructor takes only an ExtendedHandle
            return ((ExtendedHandle) delegate()).continueReading(maybeMoreDataSupplier);
        }
    }
}
