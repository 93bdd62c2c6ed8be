package io.vigil.monitor;

/**
 * How a PING ended. Redis Sentinel counts {@code PONG}, {@code -LOADING} and {@code -MASTERDOWN} as a valid reply
 * (the instance is alive); everything else is not.
 */
public enum PingOutcome {
    /** {@code +PONG}. */
    PONG(true),
    /** {@code -LOADING}: alive, loading its dataset. */
    LOADING(true),
    /** {@code -MASTERDOWN}: alive, a replica that lost its master and does not serve stale data. */
    MASTERDOWN(true),
    /** {@code -BUSY}: a script runs too long; a sentinel may send {@code SCRIPT KILL}. */
    BUSY(false),
    /** Any other error reply, or a reply other than PONG. */
    ERROR(false),
    /** No reply yet after the ping timeout; the reply, if it comes, is reported again with its own outcome. */
    PENDING(false),
    /** The connection was lost before the reply came. */
    DISCONNECTED(false);

    private final boolean valid;

    PingOutcome(boolean valid) {
        this.valid = valid;
    }

    /** Whether this outcome proves the instance alive, as Redis Sentinel's "valid PING reply". */
    public boolean isValid() {
        return valid;
    }

    /** Classifies a server error reply such as {@code LOADING Redis is loading...} by its first word. */
    public static PingOutcome ofError(String message) {
        String code = ServerError.code(message);
        return switch (code) {
            case "LOADING" -> LOADING;
            case "MASTERDOWN" -> MASTERDOWN;
            case "BUSY" -> BUSY;
            default -> ERROR;
        };
    }
}
