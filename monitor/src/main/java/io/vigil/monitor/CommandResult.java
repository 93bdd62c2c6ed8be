package io.vigil.monitor;

import java.util.Objects;
import java.util.Optional;

/**
 * The typed outcome of a command sent on a link. Stages returned by {@link InstanceLink} never complete
 * exceptionally: failures are a status.
 *
 * @param <T> the reply type
 * @param status how it ended
 * @param value the parsed reply when {@code status} is {@link CommandStatus#OK}, else empty
 * @param error what went wrong when not OK (server error text, or what the link saw), else empty
 * @param sentAtMillis when it was sent (or refused), by the injected clock
 * @param completedAtMillis when the outcome was known, by the injected clock
 */
public record CommandResult<T>(
        CommandStatus status, Optional<T> value, Optional<String> error, long sentAtMillis, long completedAtMillis) {

    /** Checks that exactly OK results carry a value. */
    public CommandResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(error, "error");
        if (status == CommandStatus.OK && error.isPresent()) {
            throw new IllegalArgumentException("an OK result carries no error, got " + error.get());
        }
        if (status != CommandStatus.OK && error.isEmpty()) {
            throw new IllegalArgumentException("a " + status + " result must say what went wrong");
        }
    }

    /** A successful reply. */
    public static <T> CommandResult<T> ok(T value, long sentAtMillis, long completedAtMillis) {
        return new CommandResult<>(
                CommandStatus.OK, Optional.ofNullable(value), Optional.empty(), sentAtMillis, completedAtMillis);
    }

    /** A failure with the given status. */
    public static <T> CommandResult<T> failed(
            CommandStatus status, String error, long sentAtMillis, long completedAtMillis) {
        return new CommandResult<>(status, Optional.empty(), Optional.of(error), sentAtMillis, completedAtMillis);
    }

    /** Whether the instance replied without error. */
    public boolean isOk() {
        return status == CommandStatus.OK;
    }

    /**
     * The value of an OK result.
     *
     * @throws IllegalStateException naming the status and error when the result is not OK or has no value
     */
    public T valueOrThrow() {
        return value.orElseThrow(() -> new IllegalStateException(
                "command result is " + status + error.map(e -> ": " + e).orElse(" without a value")));
    }
}
