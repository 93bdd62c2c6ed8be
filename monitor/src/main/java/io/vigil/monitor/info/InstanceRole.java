package io.vigil.monitor.info;

import java.util.Locale;

/** The role an instance reports in the {@code role:} field of its INFO reply. */
public enum InstanceRole {
    /** {@code role:master}. */
    MASTER,
    /** {@code role:slave} (Redis) or {@code role:replica}. */
    REPLICA,
    /** No {@code role:} field, e.g. the INFO of a sentinel. */
    UNKNOWN;

    /**
     * Maps the value of the {@code role:} field.
     *
     * @throws IllegalArgumentException for any value other than {@code master}, {@code slave} or {@code replica}
     */
    public static InstanceRole fromInfo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "master" -> MASTER;
            case "slave", "replica" -> REPLICA;
            default -> throw new IllegalArgumentException("role '" + value + "' is not one of master, slave, replica");
        };
    }
}
