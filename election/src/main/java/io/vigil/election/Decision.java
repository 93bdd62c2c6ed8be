package io.vigil.election;

/**
 * One entry of the decision log: what the node decided or refused, and why.
 *
 * @param timeMs node clock when decided
 * @param master master name, or null for node-wide decisions
 * @param kind what the decision is about
 * @param epoch the epoch concerned (0 when not relevant)
 * @param subject the run id or address the decision is about, or null
 * @param reason human-readable explanation
 */
public record Decision(long timeMs, String master, DecisionKind kind, long epoch, String subject, String reason) {
    @Override
    public String toString() {
        return timeMs + " " + (master == null ? "-" : master) + " " + kind + " epoch=" + epoch + " "
                + (subject == null ? "-" : subject) + ": " + reason;
    }
}
