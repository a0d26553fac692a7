package org.knet4j.core.internal.log;

import java.util.Arrays;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogListener;
import org.knet4j.api.LogSubsystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handle's log: libknet's per-subsystem levels in front of the user's {@link LogListener} and SLF4J. The level
 * check comes first so that a disabled message costs one array read on the packet path.
 */
public final class KnetLog {
    private static final Logger[] LOGGERS = new Logger[LogSubsystem.MAX_SUBSYSTEMS + 1];

    static {
        for (LogSubsystem s : LogSubsystem.values()) {
            LOGGERS[s.id()] = LoggerFactory.getLogger("org.knet4j." + s.knetName());
        }
    }

    private final int hostId;
    private final byte[] levels = new byte[LogSubsystem.MAX_SUBSYSTEMS + 1];
    private volatile LogListener listener;

    public KnetLog(int hostId, LogListener listener, LogLevel level) {
        this.hostId = hostId;
        this.listener = listener;
        Arrays.fill(levels, (byte) level.id());
    }

    public void setLevel(LogSubsystem subsystem, LogLevel level) {
        levels[subsystem.id()] = (byte) level.id();
    }

    public LogLevel level(LogSubsystem subsystem) {
        return LogLevel.values()[levels[subsystem.id()]];
    }

    public boolean enabled(LogSubsystem subsystem, LogLevel level) {
        return level.id() <= levels[subsystem.id()];
    }

    public void error(LogSubsystem s, String format, Object... args) {
        log(s, LogLevel.ERROR, format, args);
    }

    public void warn(LogSubsystem s, String format, Object... args) {
        log(s, LogLevel.WARN, format, args);
    }

    public void info(LogSubsystem s, String format, Object... args) {
        log(s, LogLevel.INFO, format, args);
    }

    public void debug(LogSubsystem s, String format, Object... args) {
        log(s, LogLevel.DEBUG, format, args);
    }

    private void log(LogSubsystem s, LogLevel level, String format, Object... args) {
        if (!enabled(s, level)) {
            return;
        }
        String text = "[" + hostId + "] " + String.format(format, args);
        Logger logger = LOGGERS[s.id()];
        switch (level) {
            case ERROR -> logger.error(text);
            case WARN -> logger.warn(text);
            case INFO -> logger.info(text);
            default -> logger.debug(text);
        }
        LogListener l = listener;
        if (l != null) {
            try {
                // libknet's knet_log_msg holds at most 254 bytes of text
                l.log(s, level, text.length() > 253 ? text.substring(0, 253) : text);
            } catch (RuntimeException e) {
                logger.warn("log listener failed", e);
            }
        }
    }
}
