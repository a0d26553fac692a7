package org.knet4j.api;

import java.util.Objects;

/**
 * The arguments of {@code knet_handle_new_ex}.
 *
 * @param hostId     this node's id, 0..65535
 * @param logListener where log messages go, or {@code null} for none (libknet's log_fd 0); messages also go to SLF4J
 * @param logLevel   the initial level of every subsystem
 * @param privileged {@code KNET_HANDLE_FLAG_PRIVILEGED}: insist on 8 MiB socket buffers (fails with ENAMETOOLONG
 *                   when the kernel limits are lower); otherwise knet4j asks for 8 MiB and takes what it gets
 */
public record HandleOptions(int hostId, LogListener logListener, LogLevel logLevel, boolean privileged) {
    public HandleOptions {
        Objects.requireNonNull(logLevel, "logLevel");
    }

    /** A handle with no log listener, level WARN, not privileged. */
    public static HandleOptions of(int hostId) {
        return new HandleOptions(hostId, null, LogLevel.WARN, false);
    }

    public HandleOptions withLog(LogListener listener, LogLevel level) {
        return new HandleOptions(hostId, listener, level, privileged);
    }
}
