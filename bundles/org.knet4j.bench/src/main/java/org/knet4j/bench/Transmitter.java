package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;

/**
 * Sends one message with {@code send} (queued) or {@code sendSync} (--sync), as the C peer's {@code send_one}:
 * EAGAIN, ENOBUFS and EHOSTDOWN (a link flapping under load) are retried for up to {@value #RETRY_SECONDS} s, after
 * about 1 ms for sendSync and 50 us for the queue; any other error, a stop request or the end of that time gives
 * up.
 */
final class Transmitter {
    static final int RETRY_SECONDS = 5;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
    private static final long QUEUE_PAUSE_NANOS = 50_000;
    private static final long SYNC_PAUSE_NANOS = 1_000_000;

    private final DataChannel channel;
    private final boolean sync;
    private final RunControl control;
    private final PeerLog log;
    private long retries;

    Transmitter(DataChannel channel, boolean sync, RunControl control, PeerLog log) {
        this.channel = channel;
        this.sync = sync;
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
        while (!control.stopRequested()) {
            try {
                if (sync) {
                    channel.sendSync(msg);
                } else {
                    channel.send(msg);
                }
                return true;
            } catch (KnetException e) {
                KnetError err = e.error();
                boolean retry = err == KnetError.EAGAIN || err == KnetError.ENOBUFS || err == KnetError.EHOSTDOWN;
                long now = System.nanoTime();
                if (since == 0) {
                    since = now;
                }
                if (!retry || now - since > RETRY_NANOS) {
                    log.error("send failed: {}", e.getMessage());
                    return false;
                }
                retries++;
                LockSupport.parkNanos(sync ? SYNC_PAUSE_NANOS : QUEUE_PAUSE_NANOS);
            } finally {
                msg.limit(lim).position(pos);
            }
        }
        return false;
    }

    /** How often a send was retried. */
    long retries() {
        return retries;
    }
}
