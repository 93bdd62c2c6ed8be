package io.vigil.store.replication;

/**
 * The coordinated switchover of {@code FAILOVER}, as {@code master_failover_state} reports it.
 *
 * <pre>
 *  NO_FAILOVER --FAILOVER--> WAITING_FOR_SYNC --target acked our offset (or FORCE at timeout)--> FAILOVER_IN_PROGRESS
 *       ^                          |  timeout / ABORT                                                   |
 *       +--------------------------+<--------- PSYNC FAILOVER accepted (done) or refused (aborted) ------+
 * </pre>
 */
enum FailoverState {
    /** Nothing in progress. */
    NO_FAILOVER("no-failover"),
    /** Writes are paused; waiting for the target to acknowledge the whole stream. */
    WAITING_FOR_SYNC("waiting-for-sync"),
    /** Demoted to a replica of the target, asking it to take over with {@code PSYNC ... FAILOVER}. */
    FAILOVER_IN_PROGRESS("failover-in-progress");

    final String infoName;

    FailoverState(String infoName) {
        this.infoName = infoName;
    }
}
