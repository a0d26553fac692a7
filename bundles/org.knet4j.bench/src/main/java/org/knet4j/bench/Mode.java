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

    /** Whether losing messages fails the run (exit 1); corruption fails every mode. */
    boolean lossFails() {
        return this == SEND || this == RECV || this == ECHO;
    }
}
