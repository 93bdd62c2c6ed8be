package io.vigil.monitor;

import java.util.Objects;

/**
 * A real change of a link's state (never {@code from == to}).
 *
 * @param address the instance
 * @param from the previous state
 * @param to the new state
 * @param atMillis when, by the injected clock
 * @param reason why, for logs (e.g. {@code connection refused}, {@code no reply for 1000 ms})
 */
public record LinkStateChange(InstanceAddress address, LinkState from, LinkState to, long atMillis, String reason) {

    /** Checks that the move is legal and real. */
    public LinkStateChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
        from.checkMoveTo(to);
    }
}
