package org.knet4j.bench;

/** What a peer does once its link is up ({@code --mode}); the names are the C peer's. */
enum Mode {
    ECHO("echo"),
    SEND("send"),
    RECV("recv"),
    BENCH_TX("bench-tx"),
    BENCH_RX("bench-rx"),
    LATENCY("latency");

    private final String flagValue;

    Mode(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The name used on the command line and in the RESULT line. */
    String flagValue() {
        return flagValue;
    }

    /** @return the mode named {@code value}, or null */
    static Mode byFlagValue(String value) {
        for (Mode m : values()) {
            if (m.flagValue.equals(value)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Whether missing messages fail the run (exit 1), as in the C peer: recv and latency. Corruption fails every
     * mode; echo and the senders report no missing messages, bench-rx tolerates them.
     */
    boolean lossFails() {
        return this == RECV || this == LATENCY;
    }

    /**
     * Whether --seconds applies (the C peer reads it in send, bench-tx and echo only). In send and bench-tx it
     * replaces --count; in echo both apply.
     */
    boolean usesSeconds() {
        return this == SEND || this == BENCH_TX || this == ECHO;
    }
}
