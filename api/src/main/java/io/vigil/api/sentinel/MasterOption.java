package io.vigil.api.sentinel;

import java.util.Locale;
import java.util.Optional;

/** The options {@code SENTINEL SET name option value ...} accepts, with how many values each takes. */
public enum MasterOption {
    /** {@code down-after-milliseconds ms} (> 0). */
    DOWN_AFTER_MILLISECONDS("down-after-milliseconds", 1, Kind.POSITIVE),
    /** {@code failover-timeout ms} (> 0). */
    FAILOVER_TIMEOUT("failover-timeout", 1, Kind.POSITIVE),
    /** {@code parallel-syncs n} (> 0). */
    PARALLEL_SYNCS("parallel-syncs", 1, Kind.POSITIVE),
    /** {@code notification-script path} (empty clears). */
    NOTIFICATION_SCRIPT("notification-script", 1, Kind.TEXT),
    /** {@code client-reconfig-script path} (empty clears). */
    CLIENT_RECONFIG_SCRIPT("client-reconfig-script", 1, Kind.TEXT),
    /** {@code auth-pass password} (empty clears; the {@code +set} event shows {@code ******}). */
    AUTH_PASS("auth-pass", 1, Kind.TEXT),
    /** {@code auth-user user} (empty clears). */
    AUTH_USER("auth-user", 1, Kind.TEXT),
    /** {@code quorum n} (> 0). */
    QUORUM("quorum", 1, Kind.POSITIVE),
    /** {@code rename-command old new} (neither empty). */
    RENAME_COMMAND("rename-command", 2, Kind.NON_EMPTY),
    /** {@code master-reboot-down-after-period ms} (>= 0). */
    MASTER_REBOOT_DOWN_AFTER_PERIOD("master-reboot-down-after-period", 1, Kind.NON_NEGATIVE);

    /** How the values are checked before the service sees them. */
    public enum Kind {
        /** An integer > 0. */
        POSITIVE,
        /** An integer >= 0. */
        NON_NEGATIVE,
        /** Any text, empty included. */
        TEXT,
        /** Any non-empty text. */
        NON_EMPTY
    }

    private final String wireName;
    private final int valueCount;
    private final Kind kind;

    MasterOption(String wireName, int values, Kind kind) {
        this.wireName = wireName;
        this.valueCount = values;
        this.kind = kind;
    }

    /** The option's name, e.g. {@code down-after-milliseconds}. */
    public String wireName() {
        return wireName;
    }

    /** How many values follow the option name. */
    public int valueCount() {
        return valueCount;
    }

    /** How the values are checked. */
    public Kind kind() {
        return kind;
    }

    /** Whether the option's value must be hidden in events and logs. */
    public boolean redacted() {
        return this == AUTH_PASS;
    }

    /** The option named {@code name} (any case). */
    public static Optional<MasterOption> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (MasterOption option : values()) {
            if (option.wireName.equals(lower)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }
}
