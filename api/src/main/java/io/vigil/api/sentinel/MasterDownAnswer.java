package io.vigil.api.sentinel;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@code SENTINEL IS-MASTER-DOWN-BY-ADDR}: {@code [down ? 1 : 0, leader runid or "*", leader epoch]}.
 *
 * @param down whether this sentinel sees that master subjectively down (never while in TILT)
 * @param leader the run id this sentinel voted for in {@code leaderEpoch}, when a vote was asked for
 * @param leaderEpoch the epoch of that vote, 0 when no vote was asked for
 */
public record MasterDownAnswer(boolean down, Optional<String> leader, long leaderEpoch) {

    /** Checks for nulls. */
    public MasterDownAnswer {
        Objects.requireNonNull(leader, "leader");
    }

    /** An answer that carries no vote: {@code [down, "*", 0]}. */
    public static MasterDownAnswer withoutVote(boolean down) {
        return new MasterDownAnswer(down, Optional.empty(), 0);
    }
}
