package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code send}: messages 0..count-1 paced at --rate per second (0: as fast as the queue takes them);
 * {@code bench-tx}: unpaced, held back only by EAGAIN. Both stop after --count messages or --seconds, whichever
 * comes first (with --seconds alone the count does not apply), or when sending gives up. Queued messages are
 * waited out before the result. "missing" counts the messages that could not be sent.
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
        long limit = options.countLimit();
        long rate = mode == Mode.SEND ? options.rate() : 0;
        long duration = options.secondsNanos();
        Transmitter tx = new Transmitter(node.channel(), options.sync(), options.timeoutNanos(), control, log);
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(size, MessageCodec.HEADER));

        long start = System.nanoTime();
        long end = start;
        long sent = 0;
        boolean gaveUp = false;
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
            MessageCodec.fill(buf, sent, size);
            if (!tx.send(buf)) {
                gaveUp = true;
                break;
            }
            sent++;
            end = System.nanoTime();
        }
        if (!options.sync()) {
            node.drainQueue();
        }
        log.info("sent {} messages of {} bytes, {} retries after back-pressure", sent, size, tx.retries());
        // a stop request is not a failure; giving up is, and what was left unsent is missing
        long missing = !gaveUp ? 0 : limit == Long.MAX_VALUE ? 1 : limit - sent;
        return ResultLine.of(mode, 0, 0, missing, sent, size, sent == 0 ? 0 : (end - start) / 1e9);
    }
}
