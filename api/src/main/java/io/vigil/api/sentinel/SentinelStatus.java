package io.vigil.api.sentinel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Process-wide sentinel state shown in {@code INFO sentinel}.
 *
 * @param tilt whether the sentinel is in TILT mode
 * @param tiltSinceSeconds seconds since TILT started, -1 when not in TILT
 * @param runningScripts notification/reconfig scripts running now
 * @param scriptsQueueLength scripts waiting to run
 * @param simulatedFailures crashes armed with {@code SENTINEL SIMULATE-FAILURE}
 */
public record SentinelStatus(
        boolean tilt,
        long tiltSinceSeconds,
        int runningScripts,
        int scriptsQueueLength,
        Set<SimulatedFailure> simulatedFailures) {

    /** Validates the TILT fields and copies the set. */
    public SentinelStatus {
        if (tilt != (tiltSinceSeconds >= 0)) {
            throw new IllegalArgumentException("tiltSinceSeconds must be >= 0 in TILT and -1 otherwise, got tilt="
                    + tilt + " tiltSinceSeconds=" + tiltSinceSeconds);
        }
        simulatedFailures = Collections.unmodifiableSet(
                simulatedFailures.isEmpty()
                        ? EnumSet.noneOf(SimulatedFailure.class)
                        : EnumSet.copyOf(simulatedFailures));
    }

    /** Not in TILT, no scripts, no simulated failures. */
    public static SentinelStatus normal() {
        return new SentinelStatus(false, -1, 0, 0, Set.of());
    }

    /** The {@code sentinel_simulate_failure_flags} value: the sum of the armed failures' bits. */
    public int simulateFailureFlags() {
        int flags = 0;
        for (SimulatedFailure failure : simulatedFailures) {
            flags |= failure.bit();
        }
        return flags;
    }
}
