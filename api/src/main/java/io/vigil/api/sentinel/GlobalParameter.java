package io.vigil.api.sentinel;

import java.util.Locale;
import java.util.Optional;

/**
 * The process-wide parameters of {@code SENTINEL CONFIG GET|SET}, in the order Redis lists them, with their value
 * checks.
 */
public enum GlobalParameter {
    /** {@code resolve-hostnames yes|no}. */
    RESOLVE_HOSTNAMES("resolve-hostnames"),
    /** {@code announce-hostnames yes|no}. */
    ANNOUNCE_HOSTNAMES("announce-hostnames"),
    /** {@code announce-ip <ip>} (empty: not set). */
    ANNOUNCE_IP("announce-ip"),
    /** {@code announce-port <0..65535>} (0: not set). */
    ANNOUNCE_PORT("announce-port"),
    /** {@code sentinel-user <user>} used to authenticate to other sentinels. */
    SENTINEL_USER("sentinel-user"),
    /** {@code sentinel-pass <password>} used to authenticate to other sentinels. */
    SENTINEL_PASS("sentinel-pass");

    private final String wireName;

    GlobalParameter(String wireName) {
        this.wireName = wireName;
    }

    /** The parameter's name, e.g. {@code announce-ip}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The normalized value for {@code raw}, or empty when invalid: {@code yes}/{@code no} (any case) for the boolean
     * parameters, a decimal in [0, 65535] for the port, anything for the others.
     */
    public Optional<String> normalize(String raw) {
        switch (this) {
            case RESOLVE_HOSTNAMES, ANNOUNCE_HOSTNAMES -> {
                String lower = raw.toLowerCase(Locale.ROOT);
                return lower.equals("yes") || lower.equals("no") ? Optional.of(lower) : Optional.empty();
            }
            case ANNOUNCE_PORT -> {
                try {
                    long port = Long.parseLong(raw);
                    return port >= 0 && port <= 65535 ? Optional.of(Long.toString(port)) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            default -> {
                return Optional.of(raw);
            }
        }
    }

    /** The parameter named {@code name} (any case). */
    public static Optional<GlobalParameter> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (GlobalParameter parameter : values()) {
            if (parameter.wireName.equals(lower)) {
                return Optional.of(parameter);
            }
        }
        return Optional.empty();
    }
}
