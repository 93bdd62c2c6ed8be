package io.vigil.resp;

/**
 * Malformed request bytes. The message is Redis's reply text without the {@code ERR } prefix, for example
 * {@code Protocol error: invalid bulk length}; {@link #error()} is the reply to send before closing the
 * connection.
 */
public final class RespProtocolException extends Exception {

    private final transient RespError error;

    /**
     * A protocol error.
     *
     * @param detail what was wrong, as Redis words it after {@code Protocol error: } (e.g. {@code invalid bulk
     *     length})
     */
    public RespProtocolException(String detail) {
        super("Protocol error: " + detail, null, false, false);
        this.error = RespError.protocol(detail);
    }

    /** The reply to send before closing the connection ({@code -ERR Protocol error: ...}). */
    public RespError error() {
        return error;
    }
}
