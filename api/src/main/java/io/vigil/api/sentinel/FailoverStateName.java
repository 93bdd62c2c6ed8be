package io.vigil.api.sentinel;

/**
 * The failover state a master row shows in {@code failover-state} while a failover runs, with Redis's names.
 *
 * <pre>
 * wait_start -> select_slave -> send_slaveof_noone -> wait_promotion -> reconf_slaves -> update_config
 * </pre>
 *
 * This is only the display name; the state machine itself lives in the election core.
 */
public enum FailoverStateName {
    /** No failover (shown only if the flag and the state disagree for a moment, as Redis would print it). */
    NONE("none"),
    /** Waiting for the start time (and for the election). */
    WAIT_START("wait_start"),
    /** Choosing the replica to promote. */
    SELECT_SLAVE("select_slave"),
    /** Sending {@code SLAVEOF NO ONE} to the chosen replica. */
    SEND_SLAVEOF_NOONE("send_slaveof_noone"),
    /** Waiting for the chosen replica to report {@code role:master}. */
    WAIT_PROMOTION("wait_promotion"),
    /** Repointing the other replicas. */
    RECONF_SLAVES("reconf_slaves"),
    /** Switching the monitored address to the promoted replica. */
    UPDATE_CONFIG("update_config");

    private final String wireName;

    FailoverStateName(String wireName) {
        this.wireName = wireName;
    }

    /** The name Redis prints, e.g. {@code wait_promotion}. */
    public String wireName() {
        return wireName;
    }
}
