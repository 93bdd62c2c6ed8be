package io.vigil.election;

/** Objective down: own SDOWN plus the peers' fresh "down" answers reach the quorum. */
public final class OdownPolicy {

    private OdownPolicy() {}

    /**
     * The verdict.
     *
     * @param odown objectively down
     * @param agreeing sentinels agreeing (self included)
     * @param quorum the quorum
     * @param reason why
     */
    public record Result(boolean odown, int agreeing, int quorum, String reason) {}

    /**
     * Evaluates ODOWN.
     *
     * @param selfSdown this node sees the master SDOWN
     * @param peersDown peers whose fresh answer says the master is down
     * @param quorum configured quorum
     * @return verdict
     */
    public static Result evaluate(boolean selfSdown, int peersDown, int quorum) {
        if (!selfSdown) {
            return new Result(false, 0, quorum, "master is not subjectively down here");
        }
        int agreeing = 1 + peersDown;
        if (agreeing >= quorum) {
            return new Result(true, agreeing, quorum, "#quorum " + agreeing + "/" + quorum);
        }
        return new Result(false, agreeing, quorum, "only " + agreeing + "/" + quorum + " sentinels agree");
    }
}
