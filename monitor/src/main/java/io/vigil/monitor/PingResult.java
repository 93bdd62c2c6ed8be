package io.vigil.monitor;

import java.util.Objects;

/**
 * The outcome of one PING, with the injected clock's send and observation times.
 *
 * @param address the pinged instance
 * @param outcome how it ended
 * @param sentAtMillis when the PING was written
 * @param observedAtMillis when the reply arrived, or, for {@link PingOutcome#PENDING} and
 *     {@link PingOutcome#DISCONNECTED}, when the link noticed the missing reply
 * @param detail the reply or error text
 */
public record PingResult(
        InstanceAddress address, PingOutcome outcome, long sentAtMillis, long observedAtMillis, String detail) {

    /** Checks the components. */
    public PingResult {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether the instance answered validly (PONG, LOADING, MASTERDOWN). */
    public boolean isValid() {
        return outcome.isValid();
    }

    /** Round-trip time for a reply; time waited so far for a pending PING. */
    public long latencyMillis() {
        return observedAtMillis - sentAtMillis;
    }
}
