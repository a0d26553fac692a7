package org.knet4j.core.internal.tx;

import io.netty.buffer.ByteBuf;
import org.knet4j.core.internal.util.EntryBuffers;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.handle.HandleContext;
import org.knet4j.core.internal.stats.HandleCounters;

/**
 * {@code knet_send}'s queue and the thread that drains it (libknet: the datafd socketpair and its TX thread).
 * A message is copied once into a pooled buffer (channel byte, then the bytes) so the caller's buffer is free when
 * {@link #offer} returns; a full queue refuses with EAGAIN instead of blocking the caller.
 *
 * <p>The queue is a lock-free bounded multi-producer, single-consumer array (Netty's JCTools MPSC queue): senders
 * on many threads never take a lock against each other or against the TX thread, and a slot costs no allocation.
 * The TX thread parks when the queue runs dry; each offer unparks it (LockSupport's permit means a wake-up given
 * between its last poll and its park is not lost, and unparking a running thread costs no system call).
 *
 * <p><b>From the caller's thread.</b> When nothing of this handle is queued or being sent, the TX lock is free and
 * every socket takes datagrams, {@link #offer} runs the send path itself: no copy into the queue, no hand-over to
 * the TX thread and no wake-up, so a lone message reaches the wire one thread switch sooner (libknet always hands
 * over through its datafd). It never waits: a held lock or a busy socket sends the message through the queue as
 * before. Messages of one thread keep their order, because a caller only goes itself while {@link #inFlight} is 0,
 * which counts queued messages until the TX thread has sent them. {@value #INLINE_PROPERTY}{@code =false} turns
 * this off (for comparison).
 */
public final class TxQueue {
    /** Messages the queue holds before {@code send} answers EAGAIN. */
    public static final int CAPACITY = 8192;

    private final HandleContext ctx;
    private final TxPipeline pipeline;
    private final EntryBuffers buffers;
    private final Queue<ByteBuf> queue = PlatformDependent.newFixedMpscQueue(CAPACITY);
    /** Messages queued and not yet through the send path: a caller may send itself only when this is 0. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final BooleanSupplier socketsWritable;
    private final boolean inline = Boolean.parseBoolean(System.getProperty(INLINE_PROPERTY, "true"));
    /** System property: {@code false} puts every {@code send} through the queue and the TX thread. */
    public static final String INLINE_PROPERTY = "knet4j.tx.inline";
    /** How long the TX thread sleeps with nothing to do before it looks at {@link #running} again. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private final Thread thread;
    private volatile boolean running = true;
    /**
     * The queue has one consumer, the TX thread; once it has left, whoever finds entries left behind (a sender
     * racing free(), or stop()) may release them, under this lock, which the TX thread takes for its last drain.
     */
    private final Object exitLock = new Object();
    private boolean exited; // guarded by exitLock

    /** @param socketsWritable true when no socket of the handle is backed up (see {@link #offer}) */
    public TxQueue(HandleContext ctx, TxPipeline pipeline, EntryBuffers buffers, BooleanSupplier socketsWritable) {
        this.ctx = ctx;
        this.socketsWritable = socketsWritable;
        this.pipeline = pipeline;
        this.buffers = buffers;
        this.thread = new Thread(this::drain, "knet4j-tx-" + ctx.hostId);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void offer(int channel, ByteBuffer message) throws KnetException {
        if (inline && inFlight.get() == 0 && running && sentFromCaller(channel, message)) {
            return;
        }
        ByteBuf entry = buffers.allocate(1 + message.remaining());
        entry.writeByte(channel);
        int pos = message.position();
        entry.writeBytes(message); // the caller's buffer: its position is given back, no view object made
        message.position(pos);
        inFlight.incrementAndGet();
        if (!queue.offer(entry)) {
            inFlight.decrementAndGet();
            buffers.release(entry);
            ctx.counters.inc(HandleCounters.TX_QUEUE_FULL);
            throw new KnetException(KnetError.EAGAIN, "the send queue of handle " + ctx.hostId + " is full ("
                    + CAPACITY + " messages); retry later");
        }
        LockSupport.unpark(thread);
        if (!running) {
            // the handle was freed while this caller was on its way in, and the TX thread may have drained the
            // queue for the last time already: nobody else would ever release what is queued now
            releaseIfExited();
            throw new KnetException(KnetError.EINVAL, "handle " + ctx.hostId + " has been freed");
        }
    }

    /** @return true if the message went through the send path in this thread; false: queue it */
    private boolean sentFromCaller(int channel, ByteBuffer message) {
        if (!socketsWritable.getAsBoolean() || !pipeline.tryLock()) {
            return false;
        }
        if (inFlight.get() != 0) { // something was queued while we took the lock: it goes first
            pipeline.unlock();
            return false;
        }
        int pos = message.position();
        int lim = message.limit();
        try {
            pipeline.sendHeldAndUnlock(channel, message);
        } catch (KnetException | RuntimeException e) {
            // as for a queued message: accepted, so a failure is logged and counted, never raised
            ctx.log.warn(LogSubsystem.TX, "message dropped: %s", e);
        } finally {
            message.limit(lim).position(pos);
        }
        return true;
    }

    private void releaseIfExited() {
        synchronized (exitLock) {
            if (exited) {
                releaseQueued();
            }
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
                    continue; // look again before sleeping: more may have come during the flush
                }
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            try {
                int channel = entry.getByte(entry.readerIndex());
                boolean flush = ++unflushed >= FLUSH_EVERY;
                if (flush) {
                    unflushed = 0;
                }
                // the entry is this thread's until released: its reusable internal view costs no object per message
                ByteBuffer message = entry.internalNioBuffer(entry.readerIndex() + 1, entry.readableBytes() - 1);
                pipeline.send(channel, message, false, flush);
            } catch (KnetException | RuntimeException e) {
                ctx.log.warn(LogSubsystem.TX, "queued message dropped: %s", e);
            } finally {
                buffers.release(entry);
                inFlight.decrementAndGet();
            }
        }
        synchronized (exitLock) {
            releaseQueued();
            exited = true;
        }
    }

    public int queued() {
        return queue.size();
    }

    public void stop() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            synchronized (exitLock) { // never started: there is no consumer but us
                exited = true;
            }
        }
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseIfExited();
    }
}
