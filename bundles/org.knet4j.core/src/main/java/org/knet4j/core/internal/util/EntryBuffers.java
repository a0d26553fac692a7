package org.knet4j.core.internal.util;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;

/**
 * Buffers for queue entries (the send queue's and the channels'), with a small free list for big ones.
 *
 * <p>Netty's thread caches keep buffers of at most 32 KiB, so every entry of a bigger message goes back to its
 * pool chunk, and a chunk that empties after being well used is freed. A backlog of big messages that builds and
 * drains (a channel queue while the application catches up) thus made the pool free a chunk, then allocate and
 * zero a new one, over and over: 9% of the receiving process at 65000-byte messages (perf). Big entries here all
 * have one capacity, enough for any message, and up to {@link #KEPT} of them wait in a free list for the next
 * one, which keeps their chunk in use.
 *
 * <p>Small entries (up to {@link #SMALL_CAPACITY} bytes, a 1400-byte message and its prefix) are kept the same
 * way. A channel entry is taken on the receive thread and given back on the application's; from the pool, each
 * was a new buffer object and a new thread-cache record on the freeing side (Netty's recycler reuses only one
 * object in eight), a third of the bytes the receive path allocated (JFR). From the free list they cost nothing.
 */
public final class EntryBuffers {
    /** Entries above this size come from the free list (Netty's thread caches keep up to 32 KiB). */
    public static final int LARGE = 32 * 1024;
    /** Every big entry's capacity: a whole message (65536) and a small prefix of ours. */
    public static final int LARGE_CAPACITY = 65536 + 16;
    /** Big entries kept for reuse: 8 MiB, a channel queue's byte bound. */
    static final int KEPT = 128;
    /** Every small kept entry's capacity. */
    public static final int SMALL_CAPACITY = 2048;
    /** Small entries kept for reuse: 2 MiB; a deeper backlog takes the rest from the pool. */
    static final int KEPT_SMALL = 1024;

    private final ByteBufAllocator alloc;
    private final Queue<ByteBuf> free = PlatformDependent.newFixedMpmcQueue(KEPT);
    private final Queue<ByteBuf> freeSmall = PlatformDependent.newFixedMpmcQueue(KEPT_SMALL);
    private volatile boolean closed;

    public EntryBuffers(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** An empty direct buffer for an entry of {@code len} bytes; give it back with {@link #release}. */
    public ByteBuf allocate(int len) {
        if (len <= SMALL_CAPACITY) {
            ByteBuf b = freeSmall.poll();
            return b != null ? b.clear() : alloc.directBuffer(SMALL_CAPACITY, SMALL_CAPACITY);
        }
        if (len <= LARGE) {
            return alloc.directBuffer(len);
        }
        if (len > LARGE_CAPACITY) {
            throw new IllegalArgumentException("entry of " + len + " bytes is larger than " + LARGE_CAPACITY);
        }
        ByteBuf b = free.poll();
        return b != null ? b.clear() : alloc.directBuffer(LARGE_CAPACITY, LARGE_CAPACITY);
    }

    /** Done with {@code b}: keep it for the next big entry, or release it. */
    public void release(ByteBuf b) {
        Queue<ByteBuf> list = b.maxCapacity() == LARGE_CAPACITY ? free
                : b.maxCapacity() == SMALL_CAPACITY ? freeSmall : null;
        if (!closed && list != null && b.refCnt() == 1 && list.offer(b)) {
            if (closed) {
                releaseKept(); // closed while we put it back: nobody would take it again
            }
            return;
        }
        b.release();
    }

    /** Buffers waiting for reuse, big and small (tests, and the live-buffer counts of leak checks). */
    public int kept() {
        return free.size() + freeSmall.size();
    }

    /** Release what is kept; later releases go straight back to the pool. */
    public void close() {
        closed = true;
        releaseKept();
    }

    private void releaseKept() {
        ByteBuf b;
        while ((b = free.poll()) != null) {
            b.release();
        }
        while ((b = freeSmall.poll()) != null) {
            b.release();
        }
    }
}
