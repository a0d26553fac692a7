package org.knet4j.bench;

import java.nio.ByteBuffer;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;

/**
 * {@code echo}: send every message back unchanged (corrupt ones too, so the sender sees them), checking each as
 * {@code recv} does but accepting any size, until --count messages, --seconds, or --timeout seconds of silence.
 * Fails on corruption and on loss.
 */
final class EchoRunner implements ModeRunner {
    private final PeerOptions options;
    private final PeerNode node;
    private final RunControl control;
    private final PeerLog log;

    EchoRunner(PeerOptions options, PeerNode node, RunControl control, PeerLog log) {
        this.options = options;
        this.node = node;
        this.control = control;
        this.log = log;
    }

    @Override
    public ResultLine run() throws KnetException, InterruptedException {
        DataChannel channel = node.channel();
        long limit = options.countLimit();
        RxTally tally = new RxTally(0, limit);
        Transmitter tx = new Transmitter(channel, options.sync(), options.timeoutNanos(), control, log);
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_MESSAGE);
        long start = System.nanoTime();
        long lastActivity = start;
        long duration = options.secondsNanos();
        long silence = options.timeoutNanos();
        long echoed = 0;
        long bytes = 0;
        while (tally.received() < limit && !control.stopRequested()) {
            buf.clear();
            int n = channel.receive(buf, POLL);
            long now = System.nanoTime();
            if (n >= 0) {
                lastActivity = now;
                buf.flip();
                if (tally.record(buf, now) != RxTally.Verdict.OK) {
                    log.warn("message #{} of {} bytes is corrupt or a duplicate; echoing it anyway",
                            tally.received() - 1, n);
                }
                if (!tx.send(buf)) {
                    break;
                }
                echoed++;
                bytes += n;
            } else if (now - lastActivity >= silence) {
                log.warn("no message for {} s: stopping after {} messages", options.timeoutSeconds(),
                        tally.received());
                break;
            }
            if (now - start >= duration) {
                break;
            }
        }
        if (!options.sync()) {
            node.drainQueue();
        }
        log.info("echoed {} messages", echoed);
        // the rate counts received messages of their mean size
        int meanSize = echoed == 0 ? options.size() : (int) (bytes / echoed);
        return ResultLine.of(Mode.ECHO, tally.received(), tally.corrupt(), tally.missing(), tally.received(),
                meanSize, tally.seconds());
    }
}
