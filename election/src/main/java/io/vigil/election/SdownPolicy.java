package io.vigil.election;

/**
 * Subjective down: an instance is SDOWN when it has not answered PING validly for down-after-milliseconds (counted
 * from the oldest unanswered PING, or from the last valid reply when the link is down: a closed connection does
 * not wait for a PING to be sent into it), or when it is monitored as a
 * master but has reported role:slave for longer than down-after + 2 INFO periods.
 */
public final class SdownPolicy {

    private SdownPolicy() {}

    /**
     * Facts about one instance.
     *
     * @param now node clock
     * @param downAfterMs down-after-milliseconds
     * @param pendingPingSince send time of the oldest unanswered PING, or -1
     * @param disconnected the link is down
     * @param lastAvail time of the last valid reply (or link creation)
     * @param monitoredAsMaster the instance is the monitored master
     * @param roleReported the role from its last INFO
     * @param roleReportedTime when that role was first reported
     * @param infoPeriodMs INFO period
     */
    public record Input(
            long now,
            long downAfterMs,
            long pendingPingSince,
            boolean disconnected,
            long lastAvail,
            boolean monitoredAsMaster,
            ReportedRole roleReported,
            long roleReportedTime,
            long infoPeriodMs) {}

    /**
     * The verdict.
     *
     * @param down SDOWN
     * @param reason why
     */
    public record Result(boolean down, String reason) {}

    /**
     * Evaluates SDOWN.
     *
     * @param in facts
     * @return verdict with reason
     */
    public static Result evaluate(Input in) {
        long elapsed = 0;
        String basis = "replies in time";
        if (in.pendingPingSince() >= 0) {
            elapsed = in.now() - in.pendingPingSince();
            basis = "no valid PING reply for " + elapsed + " ms";
        }
        if (in.disconnected() && in.now() - in.lastAvail() > elapsed) {
            elapsed = in.now() - in.lastAvail();
            basis = "link down, last valid reply " + elapsed + " ms ago";
        }
        if (elapsed > in.downAfterMs()) {
            return new Result(true, basis + " > down-after-milliseconds " + in.downAfterMs());
        }
        if (in.monitoredAsMaster() && in.roleReported() == ReportedRole.REPLICA) {
            long asReplica = in.now() - in.roleReportedTime();
            long limit = in.downAfterMs() + 2 * in.infoPeriodMs();
            if (asReplica > limit) {
                return new Result(true, "master reports role:slave for " + asReplica + " ms > " + limit + " ms");
            }
        }
        return new Result(false, basis);
    }
}
