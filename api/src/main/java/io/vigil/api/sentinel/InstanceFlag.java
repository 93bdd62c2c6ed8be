package io.vigil.api.sentinel;

import java.util.Collection;
import java.util.EnumSet;
import java.util.StringJoiner;

/**
 * The flags {@code SENTINEL MASTER|REPLICAS|SENTINELS} print in the {@code flags} field, declared in the order Redis
 * prints them, so an {@link EnumSet} renders exactly as Redis does.
 */
public enum InstanceFlag {
    /** Subjectively down: this sentinel got no valid PING reply for down-after-milliseconds. */
    S_DOWN("s_down"),
    /** Objectively down: enough sentinels agree (masters only). */
    O_DOWN("o_down"),
    /** The instance is a monitored master. */
    MASTER("master"),
    /** The instance is a replica of a monitored master. */
    SLAVE("slave"),
    /** The instance is another sentinel. */
    SENTINEL("sentinel"),
    /** This sentinel's link to the instance is down. */
    DISCONNECTED("disconnected"),
    /** A peer sentinel that said the master is down (in its last is-master-down-by-addr answer). */
    MASTER_DOWN("master_down"),
    /** A failover of this master is running. */
    FAILOVER_IN_PROGRESS("failover_in_progress"),
    /** The replica chosen for promotion. */
    PROMOTED("promoted"),
    /** SLAVEOF to the new master was sent to this replica. */
    RECONF_SENT("reconf_sent"),
    /** This replica is syncing with the new master. */
    RECONF_INPROG("reconf_inprog"),
    /** This replica finished syncing with the new master. */
    RECONF_DONE("reconf_done"),
    /** The running failover was requested with {@code SENTINEL FAILOVER} (no agreement needed). */
    FORCE_FAILOVER("force_failover"),
    /** {@code SCRIPT KILL} was sent after a {@code -BUSY} reply. */
    SCRIPT_KILL_SENT("script_kill_sent");

    private final String wireName;

    InstanceFlag(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the {@code flags} field, e.g. {@code s_down}. */
    public String wireName() {
        return wireName;
    }

    /** The comma list Redis prints ({@code s_down,master,disconnected}), in Redis's order; empty for no flags. */
    public static String render(Collection<InstanceFlag> flags) {
        EnumSet<InstanceFlag> ordered = flags.isEmpty() ? EnumSet.noneOf(InstanceFlag.class) : EnumSet.copyOf(flags);
        StringJoiner joined = new StringJoiner(",");
        for (InstanceFlag flag : ordered) {
            joined.add(flag.wireName);
        }
        return joined.toString();
    }
}
