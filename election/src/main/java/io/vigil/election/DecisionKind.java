package io.vigil.election;

/** What a {@link Decision} is about. */
public enum DecisionKind {
    /** An instance entered or left SDOWN. */
    SDOWN,
    /** The master entered or left ODOWN (with the tally). */
    ODOWN,
    /** A failover try started (epoch, reason). */
    FAILOVER_STARTED,
    /** ODOWN but no failover try started, and why (logged when the reason changes). */
    FAILOVER_NOT_STARTED,
    /** A vote was granted to a candidate in an epoch. */
    VOTE_GRANTED,
    /** A vote request was refused (already voted in that epoch, or stale epoch). */
    VOTE_REFUSED,
    /** A peer's vote arrived (who voted for whom in which epoch). */
    VOTE_RECEIVED,
    /** This node won the election for an epoch. */
    LEADER_ELECTED,
    /** A replica was skipped for promotion, and why. */
    REPLICA_SKIPPED,
    /** A replica was selected for promotion. */
    REPLICA_SELECTED,
    /** A replica was refused by the max-lag guard, or the guard was overridden. */
    MAX_LAG,
    /** The failover state machine moved. */
    FAILOVER_STATE,
    /** A failover was aborted, with the reason. */
    FAILOVER_ABORTED,
    /** The master address changed (own failover or a hello with a higher config epoch). */
    SWITCH_MASTER,
    /** An instance was reconfigured outside a failover (+convert-to-slave, +fix-slave-config). */
    RECONFIGURE,
    /** TILT entered or left. */
    TILT,
    /** Current epoch raised. */
    EPOCH
}
