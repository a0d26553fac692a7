package org.knet4j.config.internal;

/**
 * A configuration that cannot be applied: {@link #property()} names the offending configuration property, the
 * message says what is wrong with its value. Nothing has been changed on the handle when this is thrown.
 */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String property;

    public InvalidConfigException(String property, String message) {
        super(property + ": " + message);
        this.property = property;
    }

    public InvalidConfigException(String property, String message, Throwable cause) {
        super(property + ": " + message, cause);
        this.property = property;
    }

    /** The configuration property whose value was refused. */
    public String property() {
        return property;
    }
}
