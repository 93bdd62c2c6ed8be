package io.vigil.election;

/**
 * Vote granting for {@code IS-MASTER-DOWN-BY-ADDR ... <runid>}: the current epoch is raised to the request's; a
 * vote is granted when this master has no vote in the request's epoch yet and the (raised) current epoch equals the
 * request's epoch. First asker wins; there is one vote per epoch.
 */
public final class VotePolicy {

    private VotePolicy() {}

    /** Outcome of a vote request. */
    public enum Outcome {
        /** The vote went to the asker (or to whoever asked first in this epoch if that is the asker again). */
        GRANTED,
        /** Already voted in this epoch for someone else; the reply names that leader. */
        ALREADY_VOTED,
        /** The request's epoch is older than this node's current epoch. */
        STALE_EPOCH
    }

    /**
     * The decision.
     *
     * @param outcome granted or why not
     * @param currentEpoch current epoch after the request (never lower than before)
     * @param leader the leader this node has voted for (reply field), or null
     * @param leaderEpoch the epoch of that vote (reply field)
     * @param reason human-readable explanation
     */
    public record Decision(Outcome outcome, long currentEpoch, String leader, long leaderEpoch, String reason) {
        /** Returns true when the vote state (leader or epoch) changed and must be persisted before replying. */
        public boolean changed(long previousEpoch, long previousLeaderEpoch) {
            return currentEpoch != previousEpoch || leaderEpoch != previousLeaderEpoch;
        }
    }

    /**
     * Decides a vote request.
     *
     * @param currentEpoch this node's current epoch
     * @param leader the leader voted for in {@code leaderEpoch}, or null
     * @param leaderEpoch the epoch of the last vote for this master (0 when none)
     * @param requestEpoch the epoch in the request
     * @param candidate the asker's run id
     * @return decision
     */
    public static Decision decide(
            long currentEpoch, String leader, long leaderEpoch, long requestEpoch, String candidate) {
        long epoch = Math.max(currentEpoch, requestEpoch);
        if (leaderEpoch < requestEpoch && epoch <= requestEpoch) {
            return new Decision(
                    Outcome.GRANTED,
                    epoch,
                    candidate,
                    epoch,
                    "first request in epoch " + requestEpoch + ", vote granted to " + candidate);
        }
        if (requestEpoch < currentEpoch) {
            return new Decision(
                    Outcome.STALE_EPOCH,
                    epoch,
                    leader,
                    leaderEpoch,
                    "request epoch " + requestEpoch + " < current epoch " + currentEpoch);
        }
        if (candidate.equals(leader) && leaderEpoch == requestEpoch) {
            return new Decision(
                    Outcome.GRANTED, epoch, leader, leaderEpoch, "already voted for " + candidate + " in this epoch");
        }
        return new Decision(
                Outcome.ALREADY_VOTED,
                epoch,
                leader,
                leaderEpoch,
                "already voted for " + leader + " in epoch " + leaderEpoch);
    }
}
