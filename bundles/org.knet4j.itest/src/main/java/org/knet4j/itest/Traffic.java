package org.knet4j.itest;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;

/**
 * A paced stream of numbered messages from one channel to another, checked on arrival: each message is an 8-byte
 * sequence number followed by bytes {@code (seq + i) & 0xff}, so a lost, repeated, reordered or corrupted message
 * shows in the counters.
 */
final class Traffic implements AutoCloseable {
    static final int SIZE = 1200;

    private final DataChannel from;
    private final int perSecond;
    private final Thread sender;
    private volatile boolean running = true;
    private final AtomicLong sent = new AtomicLong();
    private final LongAdder received = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final Map<KnetError, LongAdder> sendErrors = new ConcurrentHashMap<>();
    private volatile long expected;

    private Traffic(DataChannel from, DataChannel to, int perSecond) {
        this.from = from;
        this.perSecond = perSecond;
        to.setListener((channel, source, data) -> check(data));
        this.sender = new Thread(this::sendLoop, "itest-traffic");
        sender.setDaemon(true);
    }

    static Traffic start(DataChannel from, DataChannel to, int perSecond) {
        Traffic t = new Traffic(from, to, perSecond);
        t.sender.start();
        return t;
    }

    private void sendLoop() {
        ByteBuffer msg = ByteBuffer.allocate(SIZE);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        long seq = 0;
        while (running) {
            fill(msg, seq);
            try {
                from.send(msg);
                seq++;
                sent.set(seq);
            } catch (KnetException e) {
                // refused at the door: nothing was accepted, so the same number is offered again next time
                sendErrors.computeIfAbsent(e.error(), k -> new LongAdder()).increment();
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void fill(ByteBuffer msg, long seq) {
        msg.clear();
        msg.putLong(seq);
        for (int i = 8; i < SIZE; i++) {
            msg.put((byte) (seq + i));
        }
        msg.flip();
    }

    private void check(ByteBuffer data) {
        if (data.remaining() != SIZE) {
            corrupt.increment();
            return;
        }
        int base = data.position();
        long seq = data.getLong(base);
        for (int i = 8; i < SIZE; i++) {
            if (data.get(base + i) != (byte) (seq + i)) {
                corrupt.increment();
                return;
            }
        }
        if (seq != expected) {
            outOfOrder.increment();
        }
        expected = seq + 1;
        received.increment();
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return received.sum();
    }

    long corrupt() {
        return corrupt.sum();
    }

    long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Sends refused by the handle, by error. */
    Map<KnetError, Long> sendErrors() {
        Map<KnetError, Long> m = new java.util.EnumMap<>(KnetError.class);
        sendErrors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Wait until at least {@code more} further messages arrived; false after {@code maxMs}. */
    boolean awaitMore(long more, long maxMs) throws InterruptedException {
        long target = received() + more;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
        while (received() < target) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /** Stop sending and wait (at most {@code maxMs}) for every accepted message to arrive. */
    void stop(long maxMs) throws InterruptedException {
        running = false;
        sender.join(maxMs);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
        while (received() + corrupt() < sent() && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " received=" + received() + " corrupt=" + corrupt() + " outOfOrder=" + outOfOrder()
                + " sendErrors=" + sendErrors();
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }
}
