package io.vigil.config;

/**
 * A configuration that cannot be used, with a message an operator can act on: where ({@code file:line}), which
 * directive, which value, and what would be valid.
 *
 * <pre>
 * sentinel.conf:7: sentinel down-after-milliseconds mymaster abc: 'abc' is not a positive integer (milliseconds)
 * </pre>
 */
public final class ConfigException extends RuntimeException {

    /** Creates an exception whose message is shown to the operator as is. */
    public ConfigException(String message) {
        super(message);
    }

    /** Creates an exception whose message is shown to the operator as is, keeping its cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
