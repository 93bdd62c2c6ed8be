package io.vigil.election;

import java.util.EnumSet;
import java.util.Set;

/**
 * Failover progress for one master, as driven by the leader.
 *
 * <pre>
 *            ODOWN + not tried for 2*failover-timeout, or SENTINEL FAILOVER
 *   NONE ----------------------------------------------------------------> WAIT_START
 *    ^  ^                                                                      |  elected (or forced)
 *    |  +-- abort: not elected within min(10 s, failover-timeout) -------------+
 *    |  +-- abort: no good replica ------------------------------------- SELECT_SLAVE
 *    |  +-- abort: replica timeout --------------------------------- SEND_SLAVEOF_NOONE
 *    |  +-- abort: not promoted within failover-timeout ---------------- WAIT_PROMOTION
 *    |                                                                         |  replica reports role:master
 *    |                                                                    RECONF_SLAVES  (parallel-syncs at a time)
 *    |                                                                         |  all done, or failover-timeout
 *    +---------------------------- +switch-master ---------------------- UPDATE_CONFIG
 * </pre>
 *
 * <p>NONE may also be entered from any state when the master is reset: {@code SENTINEL RESET}, or a hello carrying
 * a higher config epoch (another leader finished a newer failover).
 */
public enum FailoverState {
    /** No failover running for this master. */
    NONE("none"),
    /** Failover try started: epoch taken, waiting for votes. */
    WAIT_START("wait_start"),
    /** Elected: choosing the replica to promote. */
    SELECT_SLAVE("select_slave"),
    /** Replica chosen: sending SLAVEOF NO ONE. */
    SEND_SLAVEOF_NOONE("send_slaveof_noone"),
    /** SLAVEOF NO ONE sent: waiting for the replica to report role:master. */
    WAIT_PROMOTION("wait_promotion"),
    /** Promoted: pointing the other replicas at it, parallel-syncs at a time. */
    RECONF_SLAVES("reconf_slaves"),
    /** Done: switching the monitored address to the promoted replica. */
    UPDATE_CONFIG("update_config");

    private final String wireName;

    FailoverState(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name Redis shows in {@code failover-state}. */
    public String wireName() {
        return wireName;
    }

    /** Returns true while a failover is running (every state but NONE). */
    public boolean inProgress() {
        return this != NONE;
    }

    /** Returns true when an abort is still possible (before the replica was promoted). */
    public boolean abortable() {
        return this == WAIT_START || this == SELECT_SLAVE || this == SEND_SLAVEOF_NOONE || this == WAIT_PROMOTION;
    }

    /** Returns the states this state may be entered from. */
    public Set<FailoverState> predecessors() {
        return switch (this) {
            case NONE -> EnumSet.complementOf(EnumSet.of(NONE));
            case WAIT_START -> EnumSet.of(NONE);
            case SELECT_SLAVE -> EnumSet.of(WAIT_START);
            case SEND_SLAVEOF_NOONE -> EnumSet.of(SELECT_SLAVE);
            case WAIT_PROMOTION -> EnumSet.of(SEND_SLAVEOF_NOONE);
            case RECONF_SLAVES -> EnumSet.of(WAIT_PROMOTION);
            case UPDATE_CONFIG -> EnumSet.of(RECONF_SLAVES);
        };
    }

    /**
     * Checks a transition.
     *
     * @param next the state to move to
     * @return next
     * @throws IllegalStateException naming both states when the move is not legal
     */
    public FailoverState checkTransition(FailoverState next) {
        if (!next.predecessors().contains(this)) {
            throw new IllegalStateException("illegal failover transition " + this + " -> " + next + "; " + next
                    + " may only be entered from " + next.predecessors());
        }
        return next;
    }
}
