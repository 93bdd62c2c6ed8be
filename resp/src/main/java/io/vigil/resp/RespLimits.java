package io.vigil.resp;

/**
 * Protocol limits a server applies to requests, with Redis 7's defaults.
 *
 * @param maxBulkLength longest bulk argument in bytes ({@code proto-max-bulk-len}, default 512 MB)
 * @param maxMultibulkLength most arguments in one request (Redis accepts up to {@code INT_MAX})
 * @param maxInlineLength longest inline request or length line before a CRLF (64 KB in Redis)
 */
public record RespLimits(long maxBulkLength, long maxMultibulkLength, int maxInlineLength) {

    /** Redis 7's defaults. */
    public static final RespLimits DEFAULT = new RespLimits(512L * 1024 * 1024, Integer.MAX_VALUE, 64 * 1024);

    /** Validates the limits. */
    public RespLimits {
        if (maxBulkLength < 1) {
            throw new IllegalArgumentException("maxBulkLength must be >= 1, got " + maxBulkLength);
        }
        if (maxMultibulkLength < 1 || maxMultibulkLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "maxMultibulkLength must be in [1, " + Integer.MAX_VALUE + "], got " + maxMultibulkLength);
        }
        if (maxInlineLength < 16) {
            throw new IllegalArgumentException("maxInlineLength must be >= 16, got " + maxInlineLength);
        }
    }

    /** A copy with another {@code proto-max-bulk-len}. */
    public RespLimits withMaxBulkLength(long bytes) {
        return new RespLimits(bytes, maxMultibulkLength, maxInlineLength);
    }
}
