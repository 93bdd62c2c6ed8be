package io.vigil.election;

import java.util.List;

/**
 * Counts the votes of a failover epoch. A candidate is leader when the votes for it in that epoch (its own included)
 * reach max(majority of all known sentinels including itself, quorum).
 */
public final class LeaderTally {

    private LeaderTally() {}

    /**
     * A peer's latest vote.
     *
     * @param voter the peer's run id
     * @param leader the run id it voted for, or null
     * @param leaderEpoch the epoch of that vote
     */
    public record Vote(String voter, String leader, long leaderEpoch) {}

    /**
     * The tally.
     *
     * @param elected the candidate has enough votes
     * @param votes votes for the candidate in the epoch
     * @param needed votes needed
     * @param reason human-readable explanation
     */
    public record Result(boolean elected, int votes, int needed, String reason) {}

    /**
     * Tallies the votes for a candidate.
     *
     * @param candidate this node's run id
     * @param epoch the failover epoch
     * @param selfVote this node's own vote in the epoch went to itself
     * @param peerVotes the peers' latest votes (fresh ones only)
     * @param knownSentinels number of known peer sentinels (not counting this node)
     * @param quorum the master's quorum
     * @return tally
     */
    public static Result tally(
            String candidate, long epoch, boolean selfVote, List<Vote> peerVotes, int knownSentinels, int quorum) {
        int voters = knownSentinels + 1;
        int majority = voters / 2 + 1;
        int needed = Math.max(majority, quorum);
        int votes = selfVote ? 1 : 0;
        for (Vote v : peerVotes) {
            if (v.leaderEpoch() == epoch && candidate.equals(v.leader())) {
                votes++;
            }
        }
        String why = votes + " votes in epoch " + epoch + ", need " + needed + " (majority " + majority + " of "
                + voters + " sentinels, quorum " + quorum + ")";
        return new Result(votes >= needed, votes, needed, why);
    }
}
