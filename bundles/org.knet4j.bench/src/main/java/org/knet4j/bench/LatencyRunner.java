package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;
import org.knet4j.api.MessageListener;

/**
 * {@code latency}: send message n, wait for its echo, record the round trip in microseconds, then send n+1 (one in
 * flight, no pacing), for --count messages (--seconds does not apply, as in the C peer). An echo that has not come
 * back within 1 s counts as missing; correct echoes of other messages (late ones) are skipped; anything else is
 * corrupt. Fails on corruption or loss. p50 and p99 are taken as the C peer takes them (sorted samples at index
 * n/2 and n*99/100). {@code --warmup} round trips go first (messages 0..warmup-1, checked the same way) and are
 * left out of every figure: a latency tail measured from a cold start is the JIT's, not the path's.
 *
 * <p>Echoes are taken in the channel's listener, as the echo mode takes messages: the thread that receives an echo
 * records it and sends the next message, so a round trip costs no hand-over to another thread (knet4j's callback
 * delivery; the C peer reads its datafd). This thread only sends the first message and watches for an echo that
 * does not come back within 1 s, which it counts as missing before sending the next.
 */
final class LatencyRunner implements ModeRunner {
    static final long ECHO_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PeerOptions options;
    private final DataChannel channel;
    private final RunControl control;
    private final PeerLog log;

    LatencyRunner(PeerOptions options, DataChannel channel, RunControl control, PeerLog log) {
        this.options = options;
        this.channel = channel;
        this.control = control;
        this.log = log;
    }

    @Override
    public ResultLine run() throws KnetException, InterruptedException {
        Pinger p = new Pinger();
        channel.setListener(p);
        try {
            p.watch();
        } finally {
            channel.setListener(null);
        }
        return p.result();
    }

    /** The round trips: the listener's side and the watching thread's side share this monitor. */
    private final class Pinger implements MessageListener {
        private final int size = options.size();
        private final long warmup = options.warmup();
        private final long total = options.warmup() + options.count();
        private final Transmitter tx = new Transmitter(channel, options.sync(), control, log);
        private final ByteBuffer out = ByteBuffer.allocateDirect(Math.max(size, 1));
        private final LongSamples rtt = new LongSamples((int) Math.min(options.count(), 1 << 20));
        /** The message in flight; {@code total} when done. */
        private long seq;
        private long sentAt;
        private long start;
        private long received;
        private long corrupt;
        private long missing;
        private long bytes;
        private boolean failed;

        @Override
        public synchronized void onMessage(int ch, int sourceHostId, ByteBuffer data) {
            if (seq >= total || failed) {
                return;
            }
            long now = System.nanoTime();
            if (MessageCodec.isMessage(data, seq, size, options.pattern())) {
                if (seq >= warmup) {
                    rtt.add((now - sentAt) / 1000);
                    received++;
                }
                next();
            } else if (data.remaining() == size && MessageCodec.isPattern(data, options.pattern())) {
                log.debug("late echo skipped while waiting for message {}", seq);
            } else {
                corrupt++;
                log.warn("echo of {} bytes is corrupt (waiting for message {})", data.remaining(), seq);
            }
        }

        /** Send message 0, then wait until all are done, sending on whenever an echo is 1 s late. */
        synchronized void watch() throws InterruptedException {
            sendCurrent();
            while (seq < total && !failed && !control.stopRequested()) {
                long left = sentAt + ECHO_WAIT_NANOS - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, POLL.toNanos()));
                } else {
                    missing++; // in the warm-up too: a lost message is a failure whenever it happens
                    log.warn("no echo of message {} within 1 s", seq);
                    next();
                }
            }
        }

        /** Under the monitor: message {@code seq} is dealt with; send the next one, or say we are done. */
        private void next() {
            if (seq >= warmup) {
                bytes += size;
            }
            seq++;
            if (seq < total) {
                sendCurrent();
            } else {
                notifyAll();
            }
        }

        private void sendCurrent() {
            if (seq == warmup) {
                start = System.nanoTime();
            }
            MessageCodec.fill(out, seq, size, options.pattern());
            sentAt = System.nanoTime();
            if (!tx.send(out)) {
                failed = !control.stopRequested();
                notifyAll();
            }
        }

        synchronized ResultLine result() {
            double seconds = start == 0 ? 0 : (System.nanoTime() - start) / 1e9;
            return ResultLine.of(Mode.LATENCY, received, corrupt, missing, seconds, bytes, failed)
                    .withLatency(rtt.atIndex(rtt.size() / 2), rtt.atIndex((int) ((long) rtt.size() * 99 / 100)));
        }
    }
}
