package io.vigil.api.resp.impl;

import io.vigil.api.sentinel.SentinelCommandException;
import io.vigil.resp.RespError;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Turns a service's stage into a {@link Reply.Deferred}, mapping failures to error replies. */
public final class Deferreds {

    private Deferreds() {}

    /**
     * The reply {@code onSuccess} builds from the stage's value; a {@link SentinelCommandException} becomes its error,
     * any other failure {@code -ERR <message>}.
     */
    public static <T> Reply.Deferred map(CompletionStage<T> stage, Function<T, Reply> onSuccess) {
        return new Reply.Deferred(stage.handle((value, failure) -> {
            if (failure != null) {
                return Reply.error(errorFor(failure));
            }
            return onSuccess.apply(value);
        }));
    }

    /** The error reply for a failed service call. */
    public static RespError errorFor(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SentinelCommandException refused) {
            return refused.error();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return RespError.err(message);
    }
}
