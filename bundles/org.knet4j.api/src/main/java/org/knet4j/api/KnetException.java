package org.knet4j.api;

import java.util.Objects;

/**
 * A libknet call failed. {@link #error()} is the errno libknet 1.25 sets for the same condition; the message
 * names the offending value. A failed call leaves the handle's state unchanged.
 */
public class KnetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final KnetError error;

    public KnetException(KnetError error, String message) {
        super(error + ": " + message);
        this.error = Objects.requireNonNull(error, "error");
    }

    public KnetException(KnetError error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The errno libknet reports for this condition. */
    public KnetError error() {
        return error;
    }
}
