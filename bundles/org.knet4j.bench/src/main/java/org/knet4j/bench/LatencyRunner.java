package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;

/**
 * {@code latency}: send message n, wait for its echo, record the round trip in microseconds, then send n+1 (one in
 * flight, no pacing). An echo that has not come back within 1 s counts as missing and the next message goes out;
 * late echoes of earlier messages are skipped. Stops after --count messages or --seconds. Reports p50 and p99.
 * Fails on corruption only.
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
        int size = options.size();
        long limit = options.countLimit();
        long duration = options.secondsNanos();
        Transmitter tx = new Transmitter(channel, options.sync(), options.timeoutNanos(), control, log);
        ByteBuffer out = ByteBuffer.allocateDirect(Math.max(size, MessageCodec.HEADER));
        ByteBuffer in = ByteBuffer.allocateDirect(MAX_MESSAGE);
        LongSamples rtt = new LongSamples((int) Math.min(limit, 1 << 20));
        long received = 0;
        long corrupt = 0;
        long missing = 0;
        long start = System.nanoTime();
        long seq = 0;
        for (; seq < limit && !control.stopRequested(); seq++) {
            if (System.nanoTime() - start >= duration) {
                break;
            }
            MessageCodec.fill(out, seq, size);
            long sentAt = System.nanoTime();
            if (!tx.send(out)) {
                missing += limit == Long.MAX_VALUE ? 1 : limit - seq;
                break;
            }
            boolean echoed = false;
            while (!echoed && System.nanoTime() - sentAt < ECHO_WAIT_NANOS && !control.stopRequested()) {
                in.clear();
                if (channel.receive(in, POLL) < 0) {
                    continue;
                }
                long now = System.nanoTime();
                in.flip();
                if (MessageCodec.isMessage(in, seq, size)) {
                    rtt.add((now - sentAt) / 1000);
                    received++;
                    echoed = true;
                } else if (isStale(in, seq, size)) {
                    log.debug("late echo skipped while waiting for {}", seq);
                } else {
                    corrupt++;
                    log.warn("echo of {} bytes is corrupt while waiting for message {}", in.remaining(), seq);
                }
            }
            if (!echoed && !control.stopRequested()) {
                missing++;
                log.warn("no echo of message {} within 1 s", seq);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return ResultLine.of(Mode.LATENCY, received, corrupt, missing, received, size, seconds)
                .withLatency(rtt.percentile(50), rtt.percentile(99));
    }

    /** A correct echo of an earlier message (one whose echo came after its 1 s wait). */
    private static boolean isStale(ByteBuffer in, long seq, int size) {
        if (in.remaining() != size) {
            return false;
        }
        long v = MessageCodec.verify(in);
        return v == MessageCodec.NO_SEQ || (v >= 0 && v < seq);
    }
}
