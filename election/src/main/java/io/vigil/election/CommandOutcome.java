package io.vigil.election;

import java.util.List;

/**
 * Result of a model-level SENTINEL command (MONITOR, REMOVE, SET, RESET, FAILOVER).
 *
 * @param status OK or the error
 * @param detail human-readable detail (count for RESET, reason for errors)
 * @param count number of masters affected (RESET), else 0 or 1
 * @param actions actions to perform, as for any input
 */
public record CommandOutcome(Status status, String detail, long count, List<Action> actions) {

    /** Outcome status; the API maps errors to RESP replies. */
    public enum Status {
        /** Done. */
        OK,
        /** {@code -INPROG}: a failover is already in progress. */
        INPROG,
        /** {@code -NOGOODSLAVE}: no replica can be promoted. */
        NOGOODSLAVE,
        /** {@code -ERR No such master with that name}. */
        NO_SUCH_MASTER,
        /** {@code -ERR Duplicated master name}. */
        DUPLICATE,
        /** {@code -ERR ...}: invalid option or value; detail says what is valid. */
        INVALID
    }

    /** Copies the action list. */
    public CommandOutcome {
        actions = List.copyOf(actions);
    }
}
