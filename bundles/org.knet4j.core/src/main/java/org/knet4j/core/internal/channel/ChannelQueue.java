package org.knet4j.core.internal.channel;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.core.internal.util.EntryBuffers;

/**
 * A bounded queue of received messages for one channel. Each entry is a pooled buffer holding the sender's host
 * id (2 bytes) then the message, so queueing allocates nothing but the pooled buffer. Unlike a
 * {@code BlockingQueue} it takes the head only if it fits the caller's buffer, so a message too big stays queued.
 */
final class ChannelQueue {
    private final ArrayDeque<ByteBuf> entries;
    private final int capacity;
    private final long maxBytes;
    private final EntryBuffers buffers;
    /** Bytes of the queued entries (guarded by the lock). */
    private long bytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** Receivers blocked in a wait: only then does an arrival pay for a wake-up. */
    private int waiters;

    /**
     * @param capacity most entries held
     * @param maxBytes most bytes held; one entry is always taken into an empty queue, whatever its size
     */
    ChannelQueue(int capacity, long maxBytes, EntryBuffers buffers) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.buffers = buffers;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** @return false if full (the caller still owns {@code entry}) */
    boolean offer(ByteBuf entry) {
        lock.lock();
        try {
            int len = entry.readableBytes();
            if (entries.size() >= capacity || (bytes + len > maxBytes && !entries.isEmpty())) {
                return false;
            }
            entries.addLast(entry);
            bytes += len;
            if (waiters > 0) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wait up to {@code timeoutNanos} for an entry and remove the head if its message (the entry less its
     * {@code header} bytes) fits in {@code room} bytes. Checking and removing under one lock hold is what lets two
     * receivers, or a receiver and {@link #drain}, meet here safely: each entry goes to exactly one of them.
     *
     * @return the removed entry, now the caller's to release; null on timeout
     * @throws KnetException EMSGSIZE if the head message does not fit (it stays queued)
     */
    ByteBuf pollIfFits(long timeoutNanos, int room, int header) throws InterruptedException, KnetException {
        lock.lockInterruptibly();
        try {
            if (!awaitEntry(timeoutNanos)) {
                return null;
            }
            int len = entries.peekFirst().readableBytes() - header;
            if (len > room) {
                throw new KnetException(KnetError.EMSGSIZE,
                        "message of " + len + " bytes does not fit in " + room + " bytes");
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: remove the head. */
    private ByteBuf take() {
        ByteBuf b = entries.pollFirst();
        if (b != null) {
            bytes -= b.readableBytes();
        }
        return b;
    }

    /** Under the lock: wait until an entry is there or the time is up. */
    private boolean awaitEntry(long timeoutNanos) throws InterruptedException {
        long left = timeoutNanos;
        while (entries.isEmpty()) {
            if (left <= 0) {
                return false;
            }
            waiters++;
            try {
                left = notEmpty.awaitNanos(left);
            } finally {
                waiters--;
            }
        }
        return true;
    }

    ByteBuf poll(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return awaitEntry(unit.toNanos(timeout)) ? take() : null;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Release every queued buffer (the channel is closing). */
    void drain() {
        lock.lock();
        try {
            ByteBuf b;
            while ((b = entries.pollFirst()) != null) {
                buffers.release(b);
            }
            bytes = 0;
        } finally {
            lock.unlock();
        }
    }
}
