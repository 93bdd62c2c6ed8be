package io.vigil.monitor.info;

import java.util.Locale;

/** The replica's view of its link to the master, from {@code master_link_status:}. */
public enum MasterLinkStatus {
    /** {@code up}: the replica is connected to its master and replicating. */
    UP,
    /** {@code down}: the replica is not connected to its master (or still synchronizing). */
    DOWN;

    /**
     * Maps the value of the {@code master_link_status:} field.
     *
     * @throws IllegalArgumentException for any value other than {@code up} or {@code down}
     */
    public static MasterLinkStatus fromInfo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "up" -> UP;
            case "down" -> DOWN;
            default -> throw new IllegalArgumentException("master_link_status '" + value + "' is not one of up, down");
        };
    }
}
