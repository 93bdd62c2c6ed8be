package io.vigil.sentinel.core;

import java.util.Set;

/**
 * Which sentinel events Redis logs at WARNING level: those run the master's {@code notification-script}, as in
 * redis-sentinel. The other events (replica and sentinel discovery, reconfiguration steps) do not.
 */
final class EventLevels {

    private static final Set<String> WARNING = Set.of(
            "+monitor",
            "-monitor",
            "+reset-master",
            "+sdown",
            "-sdown",
            "+odown",
            "-odown",
            "+new-epoch",
            "+try-failover",
            "+vote-for-leader",
            "+elected-leader",
            "+failover-state-select-slave",
            "+selected-slave",
            "-failover-abort-not-elected",
            "-failover-abort-no-good-slave",
            "-failover-abort-slave-timeout",
            "+promoted-slave",
            "+failover-state-reconf-slaves",
            "+failover-end-for-timeout",
            "+failover-end",
            "+switch-master",
            "+config-update-from",
            "+tilt",
            "-tilt",
            "+sentinel-invalid-addr");

    private EventLevels() {}

    /** Whether {@code type} is a WARNING-level event. */
    static boolean isWarning(String type) {
        return WARNING.contains(type);
    }
}
