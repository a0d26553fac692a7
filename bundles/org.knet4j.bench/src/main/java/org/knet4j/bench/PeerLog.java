package org.knet4j.bench;

import java.io.PrintStream;
import org.knet4j.api.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * The peer's diagnostics: through SLF4J (stderr in the runnable jar) and, when the tool runs in-process with its
 * own error stream (tests), also into that stream, at or above --log-level, so a failing case shows them.
 */
final class PeerLog {
    private final Logger log;
    private final PrintStream tee;
    private final LogLevel level;
    private final String prefix;

    PeerLog(int hostId, LogLevel level, PrintStream err) {
        this.log = LoggerFactory.getLogger("org.knet4j.bench.peer" + hostId);
        this.tee = err == System.err ? null : err;
        this.level = level;
        this.prefix = "[peer " + hostId + "] ";
    }

    void error(String format, Object... args) {
        log.error(format, args);
        tee(LogLevel.ERROR, format, args);
    }

    void warn(String format, Object... args) {
        log.warn(format, args);
        tee(LogLevel.WARN, format, args);
    }

    void info(String format, Object... args) {
        log.info(format, args);
        tee(LogLevel.INFO, format, args);
    }

    void debug(String format, Object... args) {
        log.debug(format, args);
        tee(LogLevel.DEBUG, format, args);
    }

    boolean isDebugEnabled() {
        return log.isDebugEnabled() || (tee != null && level == LogLevel.DEBUG);
    }

    private void tee(LogLevel at, String format, Object[] args) {
        if (tee != null && at.id() <= level.id()) {
            tee.println(prefix + at.name() + " " + MessageFormatter.arrayFormat(format, args).getMessage());
        }
    }
}
