package org.knet4j.core.internal.tx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.stats.HandleCounters;

/**
 * {@code knet_send}'s queue and the thread that drains it (libknet: the datafd socketpair and its TX thread).
 * A message is copied once into a pooled buffer (channel byte, then the bytes) so the caller's buffer is free when
 * {@link #offer} returns; a full queue refuses with EAGAIN instead of blocking the caller.
 */
public final class TxQueue {
    /** Messages the queue holds before {@code send} answers EAGAIN. */
    public static final int CAPACITY = 8192;

    private final HandleContext ctx;
    private final TxPipeline pipeline;
    private final ByteBufAllocator alloc;
    private final ArrayBlockingQueue<ByteBuf> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean running = true;

    public TxQueue(HandleContext ctx, TxPipeline pipeline, ByteBufAllocator alloc) {
        this.ctx = ctx;
        this.pipeline = pipeline;
        this.alloc = alloc;
        this.thread = new Thread(this::drain, "knet4j-tx-" + ctx.hostId);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void offer(int channel, ByteBuffer message) throws KnetException {
        ByteBuf entry = alloc.directBuffer(1 + message.remaining());
        entry.writeByte(channel);
        entry.writeBytes(message.duplicate());
        if (!queue.offer(entry)) {
            entry.release();
            ctx.counters.inc(HandleCounters.TX_QUEUE_FULL);
            throw new KnetException(KnetError.EAGAIN, "the send queue of handle " + ctx.hostId + " is full ("
                    + CAPACITY + " messages); retry later");
        }
        if (!running) {
            // the handle was freed while this caller was on its way in, and stop() may have drained the queue
            // already: nobody would ever release what is queued now
            releaseQueued();
            throw new KnetException(KnetError.EINVAL, "handle " + ctx.hostId + " has been freed");
        }
    }

    private void releaseQueued() {
        ByteBuf left;
        while ((left = queue.poll()) != null) {
            left.release();
        }
    }

    /** Messages sent between two flushes at most, so a burst reaches the wire in batches, never late. */
    private static final int FLUSH_EVERY = 32;

    private void drain() {
        int unflushed = 0;
        while (running) {
            ByteBuf entry = queue.poll();
            if (entry == null) {
                if (unflushed > 0) {
                    pipeline.flush(); // the queue ran dry: everything goes out now
                    unflushed = 0;
                }
                try {
                    entry = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (entry == null) {
                    continue;
                }
            }
            try {
                int channel = entry.getByte(entry.readerIndex());
                boolean flush = ++unflushed >= FLUSH_EVERY;
                if (flush) {
                    unflushed = 0;
                }
                pipeline.send(channel, entry.nioBuffer(entry.readerIndex() + 1, entry.readableBytes() - 1), false,
                        flush);
            } catch (KnetException | RuntimeException e) {
                ctx.log.warn(LogSubsystem.TX, "queued message dropped: %s", e);
            } finally {
                entry.release();
            }
        }
        releaseQueued();
    }

    public int queued() {
        return queue.size();
    }

    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseQueued();
    }
}
