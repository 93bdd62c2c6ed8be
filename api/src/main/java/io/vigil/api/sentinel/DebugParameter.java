package io.vigil.api.sentinel;

import java.util.Locale;
import java.util.Optional;

/** The timing knobs {@code SENTINEL DEBUG} shows and sets (milliseconds), in Redis's order. */
public enum DebugParameter {
    /** INFO period. */
    INFO_PERIOD,
    /** PING period. */
    PING_PERIOD,
    /** Period of asking peers about a down master. */
    ASK_PERIOD,
    /** Hello publication period. */
    PUBLISH_PERIOD,
    /** Default down-after-milliseconds. */
    DEFAULT_DOWN_AFTER,
    /** Default failover-timeout. */
    DEFAULT_FAILOVER_TIMEOUT,
    /** Timer jump that enters TILT. */
    TILT_TRIGGER,
    /** How long TILT lasts. */
    TILT_PERIOD,
    /** Replica reconfiguration timeout. */
    SLAVE_RECONF_TIMEOUT,
    /** Minimum link reconnect period. */
    MIN_LINK_RECONNECT_PERIOD,
    /** Election timeout. */
    ELECTION_TIMEOUT,
    /** Longest a script may run. */
    SCRIPT_MAX_RUNTIME,
    /** Delay between script retries. */
    SCRIPT_RETRY_DELAY;

    /** The name {@code SENTINEL DEBUG} prints, e.g. {@code INFO-PERIOD}. */
    public String wireName() {
        return name().replace('_', '-');
    }

    /** The parameter named {@code name} (any case, e.g. {@code info-period}). */
    public static Optional<DebugParameter> byName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (DebugParameter parameter : values()) {
            if (parameter.wireName().equals(upper)) {
                return Optional.of(parameter);
            }
        }
        return Optional.empty();
    }
}
