package io.vigil.monitor;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a link to one watched instance.
 *
 * <pre>
 *            start
 *              |
 *              v
 *     +--> CONNECTING ----------> UP
 *     |        |                  |
 *     |        | connect failed   | connection lost, or no reply
 *     |        v                  | for the silence limit
 *     +----- DOWN  <--------------+
 *   back-off
 *
 *   any state --close()--> CLOSED (terminal)
 * </pre>
 *
 * <p>A link is {@link #UP} when its command connection and (for masters and replicas) its pub/sub connection,
 * subscribed to {@code __sentinel__:hello}, are both established; this is Redis Sentinel's "not disconnected".
 * Listeners are told only of real changes.
 */
public enum LinkState {
    /** Opening the missing connection(s); not connected. */
    CONNECTING(false),
    /** Both connections established: PING, INFO and hello flow. */
    UP(true),
    /** A connection failed or was lost; waiting for the back-off before connecting again. Not connected. */
    DOWN(false),
    /** Closed by its owner; terminal. */
    CLOSED(false);

    private final boolean connected;

    LinkState(boolean connected) {
        this.connected = connected;
    }

    /** Whether the link is fully connected in this state. */
    public boolean isConnected() {
        return connected;
    }

    /** The states a link may move to from this one. */
    public Set<LinkState> successors() {
        return switch (this) {
            case CONNECTING -> EnumSet.of(UP, DOWN, CLOSED);
            case UP -> EnumSet.of(DOWN, CLOSED);
            case DOWN -> EnumSet.of(CONNECTING, CLOSED);
            case CLOSED -> EnumSet.noneOf(LinkState.class);
        };
    }

    /** Whether moving from this state to {@code next} is legal. */
    public boolean canMoveTo(LinkState next) {
        return successors().contains(next);
    }

    /**
     * Checks a move.
     *
     * @throws IllegalStateException naming both states and the legal successors when the move is illegal
     */
    public void checkMoveTo(LinkState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException(
                    "illegal link state move " + this + " -> " + next + "; from " + this + " only " + successors());
        }
    }
}
