package org.knet4j.config.internal;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;

/**
 * Numbered messages from one node's channel to another's at a steady pace, to show that a live change loses
 * nothing: every message the sender handed over must arrive.
 */
final class Traffic implements AutoCloseable {
    private final DataChannel from;
    private final BitSet received = new BitSet();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread sender;
    private volatile boolean running = true;

    Traffic(DataChannel from, DataChannel to, int perSecond) {
        this.from = from;
        to.setListener((ch, src, data) -> {
            synchronized (received) {
                received.set(data.getInt(data.position()));
            }
        });
        long gapNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        sender = new Thread(() -> {
            long next = System.nanoTime();
            ByteBuffer msg = ByteBuffer.allocate(200);
            while (running) {
                msg.clear().putInt(0, sent.get());
                try {
                    this.from.sendSync(msg);
                    sent.incrementAndGet();
                } catch (KnetException e) {
                    refused.incrementAndGet(); // not handed over: not counted as sent
                }
                next += gapNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "config-test-traffic");
        sender.setDaemon(true);
        sender.start();
    }

    int sent() {
        return sent.get();
    }

    int refused() {
        return refused.get();
    }

    int received() {
        synchronized (received) {
            return received.cardinality();
        }
    }

    /** Stop sending and wait up to {@code waitMs} for the last messages. */
    void stop(long waitMs) throws Exception {
        running = false;
        sender.join(2000);
        Waits.until(java.time.Duration.ofMillis(waitMs), () -> received() >= sent());
    }

    @Override
    public void close() throws Exception {
        running = false;
        sender.join(2000);
    }
}
