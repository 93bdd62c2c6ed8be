package io.vigil.election;

import java.util.Set;
import java.util.stream.Collectors;

/** The flags of {@code SENTINEL MASTER/REPLICAS/SENTINELS}, in the order Redis prints them. */
public enum InstanceFlag {
    /** Subjectively down. */
    S_DOWN("s_down"),
    /** Objectively down (masters only). */
    O_DOWN("o_down"),
    /** A master. */
    MASTER("master"),
    /** A replica. */
    SLAVE("slave"),
    /** A sentinel. */
    SENTINEL("sentinel"),
    /** Link to the instance is down. */
    DISCONNECTED("disconnected"),
    /** A peer sentinel answered the master is down. */
    MASTER_DOWN("master_down"),
    /** A failover is running for this master. */
    FAILOVER_IN_PROGRESS("failover_in_progress"),
    /** The replica chosen for promotion. */
    PROMOTED("promoted"),
    /** SLAVEOF sent to this replica during RECONF_SLAVES. */
    RECONF_SENT("reconf_sent"),
    /** The replica is syncing with the promoted master. */
    RECONF_INPROG("reconf_inprog"),
    /** The replica finished syncing with the promoted master. */
    RECONF_DONE("reconf_done");

    private final String wireName;

    InstanceFlag(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name in the flags field. */
    public String wireName() {
        return wireName;
    }

    /**
     * Formats flags as Redis does: comma separated, fixed order.
     *
     * @param flags flags
     * @return e.g. {@code s_down,o_down,master}
     */
    public static String join(Set<InstanceFlag> flags) {
        return flags.stream().sorted().map(InstanceFlag::wireName).collect(Collectors.joining(","));
    }
}
