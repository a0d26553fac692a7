package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;

/**
 * {@code latency}: send message n, wait for its echo, record the round trip in microseconds, then send n+1 (one in
 * flight, no pacing), for --count messages (--seconds does not apply, as in the C peer). An echo that has not come
 * back within 1 s counts as missing; correct echoes of other messages (late ones) are skipped; anything else is
 * corrupt. Fails on corruption or loss. p50 and p99 are taken as the C peer takes them (sorted samples at index
 * n/2 and n*99/100). {@code --warmup} round trips go first (messages 0..warmup-1, checked the same way) and are
 * left out of every figure: a latency tail measured from a cold start is the JIT's, not the path's.
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
        long warmup = options.warmup();
        long count = options.count();
        Transmitter tx = new Transmitter(channel, options.sync(), control, log);
        ByteBuffer out = ByteBuffer.allocateDirect(size);
        ByteBuffer in = ByteBuffer.allocateDirect(MAX_MESSAGE);
        LongSamples rtt = new LongSamples((int) Math.min(count, 1 << 20));
        long received = 0;
        long corrupt = 0;
        long missing = 0;
        long bytes = 0;
        boolean failed = false;
        long start = System.nanoTime();
        for (long seq = 0; seq < warmup + count && !control.stopRequested(); seq++) {
            boolean counted = seq >= warmup;
            if (seq == warmup) {
                start = System.nanoTime();
            }
            MessageCodec.fill(out, seq, size, options.pattern());
            long sentAt = System.nanoTime();
            if (!tx.send(out)) {
                failed = !control.stopRequested();
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
                if (MessageCodec.isMessage(in, seq, size, options.pattern())) {
                    if (counted) {
                        rtt.add((now - sentAt) / 1000);
                        received++;
                    }
                    echoed = true;
                } else if (in.remaining() == size && MessageCodec.isPattern(in, options.pattern())) {
                    log.debug("late echo skipped while waiting for message {}", seq);
                } else {
                    corrupt++;
                    log.warn("echo of {} bytes is corrupt (waiting for message {})", in.remaining(), seq);
                }
            }
            if (!echoed && !control.stopRequested()) {
                missing++; // in the warm-up too: a lost message is a failure whenever it happens
                log.warn("no echo of message {} within 1 s", seq);
            }
            if (counted) {
                bytes += size;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return ResultLine.of(Mode.LATENCY, received, corrupt, missing, seconds, bytes, failed)
                .withLatency(rtt.atIndex(rtt.size() / 2), rtt.atIndex((int) ((long) rtt.size() * 99 / 100)));
    }
}
