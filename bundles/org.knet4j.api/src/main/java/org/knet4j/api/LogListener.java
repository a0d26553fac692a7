package org.knet4j.api;

/**
 * Receives the handle's log messages (libknet's log_fd). Called from knet4j's threads; must not block.
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface LogListener {
    void log(LogSubsystem subsystem, LogLevel level, String message);
}
