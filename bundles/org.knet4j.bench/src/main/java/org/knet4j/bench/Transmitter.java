package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;

/**
 * Sends one message with {@code send} (queued) or {@code sendSync} (--sync), waiting out back-pressure: EAGAIN is
 * retried after a short pause (50 us for the queue, about 1 ms for sendSync, whose EAGAIN means the socket is
 * busy), and so is EHOSTDOWN under sendSync, which a link that flaps under load gives for a moment. Retrying ends
 * after --timeout seconds or a stop request; any other error ends it at once.
 */
final class Transmitter {
    private static final long QUEUE_PAUSE_NANOS = 50_000;
    private static final long SYNC_PAUSE_NANOS = 1_000_000;

    private final DataChannel channel;
    private final boolean sync;
    private final long boundNanos;
    private final RunControl control;
    private final PeerLog log;
    private long retries;

    Transmitter(DataChannel channel, boolean sync, long boundNanos, RunControl control, PeerLog log) {
        this.channel = channel;
        this.sync = sync;
        this.boundNanos = boundNanos;
        this.control = control;
        this.log = log;
    }

    /**
     * Send {@code msg[position, limit)}; its position and limit are unchanged afterwards.
     *
     * @return true if the message was taken, false if sending gave up (the reason is logged)
     */
    boolean send(ByteBuffer msg) {
        int pos = msg.position();
        int lim = msg.limit();
        long since = 0;
        while (true) {
            try {
                if (sync) {
                    channel.sendSync(msg);
                } else {
                    channel.send(msg);
                }
                return true;
            } catch (KnetException e) {
                boolean transient_ = e.error() == KnetError.EAGAIN || (sync && e.error() == KnetError.EHOSTDOWN);
                if (!transient_) {
                    log.error("{} failed: {}", sync ? "sendSync" : "send", e.getMessage());
                    return false;
                }
                long now = System.nanoTime();
                if (since == 0) {
                    since = now;
                } else if (now - since > boundNanos) {
                    log.error("{} still refused after {} s: {}", sync ? "sendSync" : "send", boundNanos / 1_000_000_000L,
                            e.getMessage());
                    return false;
                }
                if (control.stopRequested()) {
                    return false;
                }
                retries++;
                LockSupport.parkNanos(sync ? SYNC_PAUSE_NANOS : QUEUE_PAUSE_NANOS);
            } finally {
                msg.limit(lim).position(pos);
            }
        }
    }

    /** How often a send was retried after EAGAIN (or EHOSTDOWN under sendSync). */
    long retries() {
        return retries;
    }
}
