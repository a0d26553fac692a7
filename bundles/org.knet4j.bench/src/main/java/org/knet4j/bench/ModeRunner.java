package org.knet4j.bench;

import java.time.Duration;
import org.knet4j.api.KnetException;

/** One --mode, run after READY on a configured {@link PeerNode}. */
interface ModeRunner {
    /** How long one receive call waits, so that a stop request or a time limit is noticed soon. */
    Duration POLL = Duration.ofMillis(50);

    /** Largest message plus nothing: the one receive buffer a mode uses. */
    int MAX_MESSAGE = 65536;

    /**
     * Called once the node is set up, before waiting for the peer: what must be in place before the first message
     * can arrive (the echo's listener). Nothing by default.
     */
    default void prepare() throws KnetException {
    }

    ResultLine run() throws KnetException, InterruptedException;

    /** The runner for {@code o.mode()}. */
    static ModeRunner of(PeerOptions o, PeerNode node, RunControl control, PeerLog log) {
        return switch (o.mode()) {
            case SEND, BENCH_TX -> new SendRunner(o, node, control, log);
            case RECV, BENCH_RX -> new ReceiveRunner(o, node.channel(), control, log);
            case ECHO -> new EchoRunner(o, node, control, log);
            case LATENCY -> new LatencyRunner(o, node.channel(), control, log);
        };
    }
}
