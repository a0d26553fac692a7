package org.knet4j.bench;

import java.nio.ByteBuffer;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;

/**
 * {@code recv} and {@code bench-rx}: take messages into one reusable buffer and check each (size, sequence number,
 * pattern, duplicates) until --count messages arrived, --seconds passed, or nothing arrived for --timeout seconds.
 * The rate is measured from the first to the last message. recv fails on loss; bench-rx only on corruption.
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
        long limit = options.countLimit();
        RxTally tally = new RxTally(options.size(), limit);
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_MESSAGE);
        long start = System.nanoTime();
        long lastActivity = start;
        long duration = options.secondsNanos();
        long silence = options.timeoutNanos();
        while (tally.received() < limit && !control.stopRequested()) {
            buf.clear();
            int n = channel.receive(buf, POLL);
            long now = System.nanoTime();
            if (n >= 0) {
                lastActivity = now;
                buf.flip();
                RxTally.Verdict v = tally.record(buf, now);
                if (v != RxTally.Verdict.OK) {
                    warnBad(v, buf, tally.received() - 1);
                }
            } else if (now - lastActivity >= silence) {
                log.warn("no message for {} s: stopping after {} messages", options.timeoutSeconds(),
                        tally.received());
                break;
            }
            if (now - start >= duration) {
                break;
            }
        }
        if (tally.duplicates() > 0) {
            log.warn("{} duplicate messages (counted as corrupt)", tally.duplicates());
        }
        return ResultLine.of(options.mode(), tally.received(), tally.corrupt(), tally.missing(), tally.received(),
                options.size(), tally.seconds());
    }

    private void warnBad(RxTally.Verdict v, ByteBuffer msg, long index) {
        String seq = msg.remaining() >= MessageCodec.HEADER
                ? Long.toString(MessageCodec.getSeq(msg, msg.position())) : "none";
        log.warn("message #{} is {}: {} bytes, sequence number {}", index, v == RxTally.Verdict.DUPLICATE
                ? "a duplicate" : "corrupt", msg.remaining(), seq);
    }
}
