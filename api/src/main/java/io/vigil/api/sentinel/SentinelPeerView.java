package io.vigil.api.sentinel;

import java.util.Objects;
import java.util.Optional;

/**
 * Another sentinel watching the same master, as {@code SENTINEL SENTINELS} shows it. Its name is its run id.
 *
 * @param link address, flags and link timings; flags must contain {@link InstanceFlag#SENTINEL}; the run id is
 *     the peer's 40-hex id
 * @param lastHelloMs time since the peer's last hello message
 * @param votedLeader the run id the peer last voted for (from its is-master-down-by-addr answer); empty shows
 *     {@code ?}
 * @param votedLeaderEpoch the epoch of that vote, 0 when none
 */
public record SentinelPeerView(LinkView link, long lastHelloMs, Optional<String> votedLeader, long votedLeaderEpoch) {

    /** Checks the flags. */
    public SentinelPeerView {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(votedLeader, "votedLeader");
        if (!link.has(InstanceFlag.SENTINEL)) {
            throw new IllegalArgumentException("sentinel " + link.ip() + ":" + link.port()
                    + " must have the SENTINEL flag, flags=" + InstanceFlag.render(link.flags()));
        }
    }

    /** The peer's name: its run id. */
    public String name() {
        return link.runid();
    }
}
