package io.vigil.api.sentinel;

import io.vigil.resp.RespError;
import java.util.Objects;

/**
 * A {@link SentinelService} control method refused the request; the RESP port replies with {@link #error()}. Fail
 * the returned stage with it, e.g. {@code RespError.err("Duplicate master name.")} for {@code SENTINEL MONITOR}.
 */
public final class SentinelCommandException extends RuntimeException {

    private final RespError error;

    /** A refusal replied as {@code error}. */
    public SentinelCommandException(RespError error) {
        super(Objects.requireNonNull(error, "error").text());
        this.error = error;
    }

    /** The reply to send. */
    public RespError error() {
        return error;
    }
}
