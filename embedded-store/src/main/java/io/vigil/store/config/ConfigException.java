package io.vigil.store.config;

/**
 * A configuration that cannot be used: names where it came from ({@code file:line} or {@code command line}), the
 * directive, and what was wrong.
 */
public final class ConfigException extends Exception {

    private final String reason;

    /** An error in a directive at a source location. */
    public ConfigException(String location, String directive, String reason) {
        super(location + ": directive '" + directive + "': " + reason);
        this.reason = reason;
    }

    /** The reason alone (for {@code CONFIG SET} replies). */
    public String reason() {
        return reason;
    }
}
