package io.vigil.api.sentinel;

/** What {@code SENTINEL FAILOVER name} did; each maps to Redis's reply. */
public enum FailoverRequestOutcome {
    /** A forced failover was started: {@code +OK}. */
    STARTED,
    /** A failover of that master is already running: {@code -INPROG Failover already in progress}. */
    ALREADY_IN_PROGRESS,
    /** No replica can be promoted: {@code -NOGOODSLAVE No suitable replica to promote}. */
    NO_GOOD_REPLICA
}
