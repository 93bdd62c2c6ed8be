package io.vigil.config;

/**
 * Thrown by a {@link ValueType} for a token it does not accept; the directive reader turns it into a
 * {@link ConfigException} that names the file, line and directive.
 */
public final class InvalidValueException extends RuntimeException {

    private final String value;
    private final String expected;

    /**
     * @param value the token as written
     * @param expected what would be valid, phrased to follow "is not", e.g. {@code a port (1..65535)}
     */
    public InvalidValueException(String value, String expected) {
        super("'" + value + "' is not " + expected);
        this.value = value;
        this.expected = expected;
    }

    /** The rejected token. */
    public String value() {
        return value;
    }

    /** What would be valid. */
    public String expected() {
        return expected;
    }
}
