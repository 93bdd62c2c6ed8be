package io.vigil.monitor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer sentinel's answer to {@code SENTINEL IS-MASTER-DOWN-BY-ADDR ip port current_epoch runid|*}:
 * {@code [down 0|1, leader_runid|"*", leader_epoch]}.
 *
 * @param down whether the peer sees the master subjectively down
 * @param leaderRunid the runid the peer voted for in {@code leaderEpoch}, or {@code *} when it did not vote
 * @param leaderEpoch the epoch of that vote
 */
public record MasterDownReply(boolean down, String leaderRunid, long leaderEpoch) {

    /** Checks the components. */
    public MasterDownReply {
        Objects.requireNonNull(leaderRunid, "leaderRunid");
    }

    /** The voted leader, empty for {@code *}. */
    public Optional<String> leader() {
        return "*".equals(leaderRunid) ? Optional.empty() : Optional.of(leaderRunid);
    }

    /**
     * Parses the three-element reply.
     *
     * @throws IllegalArgumentException describing the reply when it is not {@code [integer, string, integer]}
     */
    public static MasterDownReply parse(List<?> reply) {
        if (reply == null
                || reply.size() != 3
                || !(reply.get(0) instanceof Long down)
                || !(reply.get(1) instanceof String leader)
                || !(reply.get(2) instanceof Long epoch)) {
            throw new IllegalArgumentException(
                    "IS-MASTER-DOWN-BY-ADDR reply " + reply + " is not [0|1, leader_runid|*, leader_epoch]");
        }
        if (down != 0 && down != 1) {
            throw new IllegalArgumentException("IS-MASTER-DOWN-BY-ADDR down flag is " + down + "; expected 0 or 1");
        }
        return new MasterDownReply(down == 1, leader, epoch);
    }
}
