package org.knet4j.bench;

import java.nio.ByteBuffer;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;

/**
 * {@code recv} and {@code bench-rx}: take messages into one reusable buffer and check each ({@link RxTally})
 * until --count good messages arrived or nothing arrived for --timeout seconds (--seconds does not apply, as in
 * the C peer). The rate is measured from the first to the last message, after the --warmup messages. recv fails
 * on corruption or loss, bench-rx on corruption only.
 */
final class ReceiveRunner implements ModeRunner {
    private final PeerOptions options;
    private final DataChannel channel;
    private final RunControl control;
    private final PeerLog log;

    ReceiveRunner(PeerOptions options, DataChannel channel, RunControl control, PeerLog log) {
        this.options = options;
        this.channel = channel;
        this.control = control;
        this.log = log;
    }

    @Override
    public ResultLine run() throws KnetException, InterruptedException {
        long count = options.count();
        RxTally tally = new RxTally(options.size(), count, options.pattern(), options.warmup());
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_MESSAGE);
        long lastActivity = System.nanoTime();
        long silence = options.timeoutNanos();
        while (tally.received() < count && !control.stopRequested()) {
            buf.clear();
            int n = channel.receive(buf, POLL);
            long now = System.nanoTime();
            if (n >= 0) {
                lastActivity = now;
                buf.flip();
                RxTally.Verdict v = tally.record(buf, now);
                if (v != RxTally.Verdict.GOOD) {
                    warnBad(v, buf);
                }
            } else if (now - lastActivity >= silence) {
                log.warn("no message for {} s: stopping with {} of {} messages", options.timeoutSeconds(),
                        tally.received(), count);
                break;
            }
        }
        if (tally.duplicates() > 0) {
            log.warn("{} duplicate messages (counted as corrupt)", tally.duplicates());
        }
        return ResultLine.of(options.mode(), tally.received(), tally.corrupt(), tally.missing(), tally.seconds(),
                tally.bytes(), false).withReceiveGaps(tally.duplicates(), tally.maxGapMs()).withRated(tally.rated());
    }

    private void warnBad(RxTally.Verdict v, ByteBuffer msg) {
        String seq = msg.remaining() >= MessageCodec.HEADER
                ? Long.toString(MessageCodec.getSeq(msg, msg.position())) : "none";
        log.warn("{} message: {} bytes, sequence number {}", v == RxTally.Verdict.DUPLICATE ? "duplicate" : "corrupt",
                msg.remaining(), seq);
    }
}
