package io.vigil.api.sentinel;

/**
 * The counts {@code SENTINEL CKQUORUM} judges: a failover needs {@code usable >= quorum} to reach ODOWN and
 * {@code usable >= voters / 2 + 1} to be authorized.
 *
 * @param usable sentinels not subjectively or objectively down, this one included
 * @param voters all known sentinels for the master, this one included
 * @param quorum the master's quorum
 */
public record QuorumCheck(int usable, int voters, int quorum) {

    /** Validates the counts. */
    public QuorumCheck {
        if (usable < 1 || voters < usable) {
            throw new IllegalArgumentException(
                    "need 1 <= usable <= voters (this sentinel counts), got usable=" + usable + " voters=" + voters);
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be >= 1, got " + quorum);
        }
    }

    /** Whether enough sentinels are usable to reach the quorum. */
    public boolean quorumReachable() {
        return usable >= quorum;
    }

    /** Whether enough sentinels are usable to elect a leader (a majority of all voters). */
    public boolean majorityReachable() {
        return usable >= voters / 2 + 1;
    }
}
