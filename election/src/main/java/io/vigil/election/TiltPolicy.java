package io.vigil.election;

/**
 * TILT: a step that sees the node clock go backwards, or jump forward by more than the trigger (a clock jump or a
 * stalled loop), enters TILT; TILT ends a full period after the last anomaly. In TILT the node keeps monitoring but
 * acts on nothing: no failover, no reconfiguration, no "down" answers.
 */
public final class TiltPolicy {

    private TiltPolicy() {}

    /** The verdict. */
    public enum Verdict {
        /** Normal operation. */
        NORMAL,
        /** A clock anomaly: enter (or re-enter) TILT now. */
        ENTER,
        /** Still in TILT. */
        STAY,
        /** The TILT period elapsed without anomaly: leave TILT. */
        EXIT
    }

    /**
     * The decision.
     *
     * @param verdict what to do
     * @param reason why
     */
    public record Result(Verdict verdict, String reason) {}

    /**
     * Evaluates the clock between two steps.
     *
     * @param previousStep node clock at the previous step, or Long.MIN_VALUE for the first step
     * @param now node clock now
     * @param tilted currently in TILT
     * @param tiltSince when the last anomaly was seen
     * @param timings trigger and period
     * @return verdict
     */
    public static Result evaluate(long previousStep, long now, boolean tilted, long tiltSince, Timings timings) {
        if (previousStep != Long.MIN_VALUE) {
            long delta = now - previousStep;
            if (delta < 0) {
                return new Result(Verdict.ENTER, "clock went backwards by " + (-delta) + " ms");
            }
            if (delta > timings.tiltTriggerMs()) {
                return new Result(
                        Verdict.ENTER,
                        "clock jumped " + delta + " ms between steps (> " + timings.tiltTriggerMs() + " ms)");
            }
        }
        if (!tilted) {
            return new Result(Verdict.NORMAL, "clock steady");
        }
        if (now - tiltSince >= timings.tiltPeriodMs()) {
            return new Result(Verdict.EXIT, "no clock anomaly for " + (now - tiltSince) + " ms");
        }
        return new Result(Verdict.STAY, "in TILT since " + tiltSince);
    }
}
