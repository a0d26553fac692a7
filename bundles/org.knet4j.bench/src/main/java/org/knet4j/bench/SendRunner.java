package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code send}: messages 0, 1, ... paced at --rate per second (0: as fast as the queue takes them);
 * {@code bench-tx}: unpaced, held back only by back-pressure. Both send --count messages, or, with --seconds,
 * for that long whatever --count says (as the C peer). Queued messages are waited out before the result.
 * {@code received} is the number sent; a send that gives up fails the run.
 */
final class SendRunner implements ModeRunner {
    private final PeerOptions options;
    private final PeerNode node;
    private final RunControl control;
    private final PeerLog log;

    SendRunner(PeerOptions options, PeerNode node, RunControl control, PeerLog log) {
        this.options = options;
        this.node = node;
        this.control = control;
        this.log = log;
    }

    @Override
    public ResultLine run() throws InterruptedException {
        Mode mode = options.mode();
        int size = options.size();
        boolean timed = options.seconds() > 0;
        long limit = timed ? Long.MAX_VALUE : options.count();
        long duration = timed ? options.secondsNanos() : Long.MAX_VALUE;
        long rate = mode == Mode.SEND ? options.rate() : 0;
        Transmitter tx = new Transmitter(node.channel(), options.sync(), control, log);
        ByteBuffer buf = ByteBuffer.allocateDirect(size);

        long start = System.nanoTime();
        long sent = 0;
        boolean failed = false;
        while (sent < limit && !control.stopRequested()) {
            long now = System.nanoTime();
            if (now - start >= duration) {
                break;
            }
            if (rate > 0) {
                long due = start + (long) (sent * (1e9 / rate));
                if (due - now > 0) {
                    LockSupport.parkNanos(due - now);
                    continue; // re-check the limits after the pause
                }
            }
            MessageCodec.fill(buf, sent, size, options.pattern());
            if (!tx.send(buf)) {
                failed = !control.stopRequested();
                break;
            }
            sent++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!options.sync()) {
            node.drainQueue();
        }
        log.info("sent {} messages of {} bytes, {} retries after back-pressure", sent, size, tx.retries());
        return ResultLine.of(mode, sent, 0, 0, sent == 0 ? 0 : seconds, sent * size, failed);
    }
}
