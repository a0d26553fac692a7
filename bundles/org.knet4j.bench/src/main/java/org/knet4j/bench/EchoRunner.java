package org.knet4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.api.DataChannel;
import org.knet4j.api.KnetException;
import org.knet4j.api.MessageListener;

/**
 * {@code echo}: send every message back unchanged, any size, corrupt ones too (so the sender sees them), until
 * --count messages (0: no limit), --seconds, or --timeout seconds of silence. As in the C peer each message is
 * checked (a short one against the number of messages taken so far), loss is not counted, and only corruption or
 * a failed send fails the run.
 *
 * <p>The echo is sent from the channel's listener, on the thread that received the message: knet4j's callback
 * delivery (libknet has only the datafd, which the C peer reads). No thread wakes up between a message's arrival
 * and its echo leaving; this thread only watches the end conditions. The listener is set in {@link #prepare}, before
 * the peer is even reachable, so no message can wait in the channel's queue where a listener never looks.
 */
final class EchoRunner implements ModeRunner {
    /** How often the end conditions are looked at. */
    private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

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

    private Echoer echoer;

    @Override
    public void prepare() {
        echoer = new Echoer(new Transmitter(node.channel(), options.sync(), control, log), count());
        node.channel().setListener(echoer);
    }

    /** {@code --count}, 0 meaning no limit. */
    private long count() {
        return options.count() == 0 ? Long.MAX_VALUE : options.count();
    }

    @Override
    public ResultLine run() throws KnetException, InterruptedException {
        DataChannel channel = node.channel();
        long count = count();
        long duration = options.seconds() > 0 ? options.secondsNanos() : Long.MAX_VALUE;
        long silence = options.timeoutNanos();
        if (echoer == null) {
            prepare();
        }
        long start = System.nanoTime();
        try {
            while (!control.stopRequested()) {
                long now = System.nanoTime();
                Echoer.Tally t = echoer.tally();
                if (t.received() >= count || t.failed()) {
                    break;
                }
                long lastActivity = t.received() == 0 ? start : t.last();
                if (now - lastActivity >= silence) {
                    log.info("no message for {} s: echo ends after {} messages", options.timeoutSeconds(),
                            t.received());
                    break;
                }
                if (now - start >= duration) {
                    break;
                }
                TimeUnit.NANOSECONDS.sleep(WATCH_NANOS);
            }
        } finally {
            channel.setListener(null);
        }
        if (!options.sync()) {
            node.drainQueue();
        }
        Echoer.Tally t = echoer.tally();
        boolean failed = t.failed() && !control.stopRequested();
        return ResultLine.of(Mode.ECHO, t.received(), t.corrupt(), 0,
                t.received() < 2 ? 0 : (t.last() - t.first()) / 1e9, t.bytes(), failed);
    }

    /** The listener: check, echo and count each message, on the receiving thread. */
    private final class Echoer implements MessageListener {
        record Tally(long received, long corrupt, long bytes, long first, long last, boolean failed) {
        }

        private final Transmitter tx;
        private final long count;
        private long received;
        private long corrupt;
        private long bytes;
        private long first;
        private long last;
        private boolean failed;

        Echoer(Transmitter tx, long count) {
            this.tx = tx;
            this.count = count;
        }

        @Override
        public synchronized void onMessage(int channel, int sourceHostId, ByteBuffer data) {
            if (failed || received >= count) {
                return;
            }
            long now = System.nanoTime();
            if (received == 0) {
                first = now;
            }
            last = now;
            int n = data.remaining();
            if (MessageCodec.verify(data, received, options.pattern()) == MessageCodec.CORRUPT) {
                corrupt++;
                log.warn("message {} of {} bytes is corrupt; echoing it anyway", received, n);
            }
            if (!tx.send(data)) {
                failed = true;
                return;
            }
            bytes += n;
            received++;
        }

        synchronized Tally tally() {
            return new Tally(received, corrupt, bytes, first, last, failed);
        }
    }
}
