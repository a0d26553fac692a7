package org.knet4j.bench;

import java.util.Locale;

/**
 * The last line a peer prints on stdout, in the C peer's format:
 * {@code RESULT mode=<mode> received=N corrupt=N missing=N seconds=S msgs_per_s=X MBps=Y}, and for the latency
 * mode also {@code p50_us=N p99_us=N}; recv and bench-rx end with {@code dup=N max_gap_ms=X}. {@code msgs_per_s}
 * is {@code rated / seconds}; {@code MBps} is {@code bytes / 10^6 / seconds}; both are 0 when {@code seconds} is.
 *
 * @param received   send and bench-tx: messages sent; recv and bench-rx: good distinct messages; echo: messages
 *                   echoed; latency: echoes received
 * @param bytes      the bytes behind MBps: sent (send, bench-tx, latency), taken (recv, bench-rx) or echoed
 * @param seconds    the measured interval (first to last message, or the sending loop)
 * @param p50Us      latency only, else -1
 * @param p99Us      latency only, else -1
 * @param failed     sending gave up or receiving failed (exit 1 whatever the counters say)
 * @param duplicates recv and bench-rx: messages delivered more than once (also counted as corrupt), else -1
 * @param maxGapMs   recv and bench-rx: the largest interval between consecutive good messages, in ms
 * @param rated      the messages behind msgs_per_s: {@code received}, less a receiver's warm-up (--warmup)
 */
record ResultLine(Mode mode, long received, long corrupt, long missing, double seconds, long bytes, long p50Us,
        long p99Us, boolean failed, long duplicates, double maxGapMs, long rated) {

    static ResultLine of(Mode mode, long received, long corrupt, long missing, double seconds, long bytes,
            boolean failed) {
        return new ResultLine(mode, received, corrupt, missing, seconds, bytes, -1, -1, failed, -1, 0, received);
    }

    ResultLine withLatency(long p50, long p99) {
        return new ResultLine(mode, received, corrupt, missing, seconds, bytes, p50, p99, failed, duplicates,
                maxGapMs, rated);
    }

    /** The receiver's duplicate count and largest gap (the redundant-link tests read them). */
    ResultLine withReceiveGaps(long dup, double maxGap) {
        return new ResultLine(mode, received, corrupt, missing, seconds, bytes, p50Us, p99Us, failed, dup, maxGap,
                rated);
    }

    /** A receiver's warm-up left out: {@code messages} good ones behind the rate. */
    ResultLine withRated(long messages) {
        return new ResultLine(mode, received, corrupt, missing, seconds, bytes, p50Us, p99Us, failed, duplicates,
                maxGapMs, messages);
    }

    double msgsPerSecond() {
        return seconds > 0 ? rated / seconds : 0;
    }

    double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }

    /**
     * As the C peer: 1 if sending failed, for any corruption, or for missing messages in recv and latency (echo
     * and bench-rx never fail on loss; send and bench-tx count none).
     */
    int exitCode() {
        if (failed || corrupt > 0 || (missing > 0 && mode.lossFails())) {
            return PeerTool.EXIT_FAILED;
        }
        return PeerTool.EXIT_OK;
    }

    String format() {
        StringBuilder b = new StringBuilder(160);
        b.append("RESULT mode=").append(mode.flagValue())
                .append(" received=").append(received)
                .append(" corrupt=").append(corrupt)
                .append(" missing=").append(missing)
                .append(String.format(Locale.ROOT, " seconds=%.3f msgs_per_s=%.1f MBps=%.2f",
                        seconds, msgsPerSecond(), megabytesPerSecond()));
        if (mode == Mode.LATENCY) {
            b.append(" p50_us=").append(Math.max(p50Us, 0)).append(" p99_us=").append(Math.max(p99Us, 0));
        }
        if (duplicates >= 0) {
            b.append(" dup=").append(duplicates).append(String.format(Locale.ROOT, " max_gap_ms=%.1f", maxGapMs));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
