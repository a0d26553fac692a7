package org.knet4j.bench;

import java.util.Locale;

/**
 * The last line a peer prints on stdout, read by the interop tests and by people:
 * {@code RESULT mode=<mode> received=N corrupt=N missing=N seconds=S msgs_per_s=X MBps=Y}, and for the latency
 * mode also {@code p50_us=N p99_us=N}. MB are 10^6 bytes of message payload.
 *
 * @param received   messages received (by recv, bench-rx and echo; echoes by latency; 0 for send and bench-tx)
 * @param messages   the messages the rate is computed from: received ones, or sent ones for send and bench-tx
 * @param size       bytes per message
 * @param seconds    the measured interval: first to last message
 * @param p50Us      latency only, else -1
 * @param p99Us      latency only, else -1
 */
record ResultLine(Mode mode, long received, long corrupt, long missing, long messages, int size, double seconds,
        long p50Us, long p99Us) {

    static ResultLine of(Mode mode, long received, long corrupt, long missing, long messages, int size,
            double seconds) {
        return new ResultLine(mode, received, corrupt, missing, messages, size, seconds, -1, -1);
    }

    ResultLine withLatency(long p50, long p99) {
        return new ResultLine(mode, received, corrupt, missing, messages, size, seconds, p50, p99);
    }

    double msgsPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }

    double megabytesPerSecond() {
        return seconds > 0 ? messages * (double) size / seconds / 1e6 : 0;
    }

    /** 0 if all went well, 1 for corruption, or for loss in the modes where loss counts (send, recv, echo). */
    int exitCode() {
        if (corrupt > 0) {
            return PeerTool.EXIT_FAILED;
        }
        return missing > 0 && mode.lossFails() ? PeerTool.EXIT_FAILED : PeerTool.EXIT_OK;
    }

    String format() {
        StringBuilder b = new StringBuilder(160);
        b.append("RESULT mode=").append(mode.flagValue())
                .append(" received=").append(received)
                .append(" corrupt=").append(corrupt)
                .append(" missing=").append(missing)
                .append(String.format(Locale.ROOT, " seconds=%.3f msgs_per_s=%.1f MBps=%.3f",
                        seconds, msgsPerSecond(), megabytesPerSecond()));
        if (mode == Mode.LATENCY) {
            b.append(" p50_us=").append(Math.max(p50Us, 0)).append(" p99_us=").append(Math.max(p99Us, 0));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
