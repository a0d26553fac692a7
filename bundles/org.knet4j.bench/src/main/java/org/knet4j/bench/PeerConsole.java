package org.knet4j.bench;

import java.io.PrintStream;

/**
 * The peer's stdout, which the interop tests parse line by line: READY, HOST, TIMEOUT and the final RESULT.
 * Lines are written whole from any thread. Once {@link #mute()} is called (teardown), notifications are dropped,
 * so RESULT stays the last line.
 */
final class PeerConsole {
    private final PrintStream out;
    private boolean muted;

    PeerConsole(PrintStream out) {
        this.out = out;
    }

    /** A notification line (HOST ...): dropped once muted. */
    synchronized void notice(String line) {
        if (!muted) {
            out.println(line);
            out.flush();
        }
    }

    /** A line the protocol requires (READY, TIMEOUT, RESULT): always printed. */
    synchronized void line(String line) {
        out.println(line);
        out.flush();
    }

    synchronized void mute() {
        muted = true;
    }
}
