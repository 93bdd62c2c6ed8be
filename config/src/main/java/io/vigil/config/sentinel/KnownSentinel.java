package io.vigil.config.sentinel;

import io.vigil.config.ValueTypes;
import java.util.Locale;

/**
 * A peer sentinel remembered for one master ({@code sentinel known-sentinel <master> <ip> <port> <runid>}).
 *
 * @param address where the peer announced itself
 * @param runId its 40-hex-character id (lower case)
 */
public record KnownSentinel(HostPort address, String runId) {

    /** Validates the run id and stores it in lower case. */
    public KnownSentinel {
        if (!ValueTypes.isRunId(runId)) {
            throw new IllegalArgumentException("run id must be 40 hexadecimal characters, was '" + runId + "'");
        }
        runId = runId.toLowerCase(Locale.ROOT);
    }
}
