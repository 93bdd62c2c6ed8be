package io.vigil.store.config;

/**
 * One class's {@code client-output-buffer-limit}: a client is disconnected when its pending output reaches {@code
 * hardBytes}, or stays at or above {@code softBytes} for {@code softSeconds}. Zero disables a limit.
 */
public record OutputBufferLimit(long hardBytes, long softBytes, long softSeconds) {

    /** No limit (Redis's default for normal clients). */
    public static final OutputBufferLimit NONE = new OutputBufferLimit(0, 0, 0);

    /** Whether {@code pending} bytes break the hard limit. */
    public boolean hardExceeded(long pending) {
        return hardBytes > 0 && pending >= hardBytes;
    }

    /** Whether {@code pending} bytes are at or above the soft limit. */
    public boolean softReached(long pending) {
        return softBytes > 0 && pending >= softBytes;
    }
}
