package org.knet4j.bench;

import java.nio.ByteBuffer;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;

/**
 * {@code echo}: send every message back unchanged, any size, corrupt ones too (so the sender sees them), until
 * --count messages (0: no limit), --seconds, or --timeout seconds of silence. As in the C peer each message is
 * checked (a short one against the number of messages taken so far), loss is not counted, and only corruption or
 * a failed send fails the run.
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
        long count = options.count() == 0 ? Long.MAX_VALUE : options.count();
        long duration = options.seconds() > 0 ? options.secondsNanos() : Long.MAX_VALUE;
        long silence = options.timeoutNanos();
        Transmitter tx = new Transmitter(channel, options.sync(), control, log);
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_MESSAGE);
        long start = System.nanoTime();
        long lastActivity = start;
        long first = 0;
        long last = 0;
        long received = 0;
        long corrupt = 0;
        long bytes = 0;
        boolean failed = false;
        while (received < count && !control.stopRequested()) {
            buf.clear();
            int n = channel.receive(buf, POLL);
            long now = System.nanoTime();
            if (n < 0) {
                if (now - lastActivity >= silence) {
                    log.info("no message for {} s: echo ends after {} messages", options.timeoutSeconds(), received);
                    break;
                }
            } else {
                lastActivity = now;
                if (received == 0) {
                    first = now;
                }
                last = now;
                buf.flip();
                if (MessageCodec.verify(buf, received, options.pattern()) == MessageCodec.CORRUPT) {
                    corrupt++;
                    log.warn("message {} of {} bytes is corrupt; echoing it anyway", received, n);
                }
                if (!tx.send(buf)) {
                    failed = !control.stopRequested();
                    break;
                }
                bytes += n;
                received++;
            }
            if (now - start >= duration) {
                break;
            }
        }
        if (!options.sync()) {
            node.drainQueue();
        }
        return ResultLine.of(Mode.ECHO, received, corrupt, 0, received < 2 ? 0 : (last - first) / 1e9, bytes,
                failed);
    }
}
