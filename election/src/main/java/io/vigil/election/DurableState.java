package io.vigil.election;

import java.util.List;

/**
 * What a sentinel must keep across restarts (the sentinel.conf state): its id, current epoch, and per master the
 * address, settings, config epoch, last vote, known replicas and sentinels. A node rebuilt from this record never
 * moves its epoch backwards and never votes twice in an epoch.
 *
 * @param myId this sentinel's run id (40 hex)
 * @param currentEpoch current epoch
 * @param masters monitored masters
 */
public record DurableState(String myId, long currentEpoch, List<MasterRecord> masters) {

    /** Validates the id and epoch and copies the list. */
    public DurableState {
        if (!Hello.isRunId(myId)) {
            throw new IllegalArgumentException("myid must be 40 hex characters, was '" + myId + "'");
        }
        if (currentEpoch < 0) {
            throw new IllegalArgumentException("current-epoch must be >= 0, was " + currentEpoch);
        }
        masters = List.copyOf(masters);
    }

    /**
     * A fresh sentinel with no masters.
     *
     * @param myId the new id
     * @return the state
     */
    public static DurableState fresh(String myId) {
        return new DurableState(myId, 0, List.of());
    }

    /**
     * Per-master durable state.
     *
     * @param settings name, address (the current master address), quorum and timings
     * @param configEpoch config epoch of the address
     * @param leader run id voted for in {@code leaderEpoch}, or null
     * @param leaderEpoch epoch of the last vote (0 when none)
     * @param knownReplicas replica addresses
     * @param knownSentinels peer sentinels
     */
    public record MasterRecord(
            MasterSettings settings,
            long configEpoch,
            String leader,
            long leaderEpoch,
            List<Address> knownReplicas,
            List<KnownSentinel> knownSentinels) {

        /** Copies the lists. */
        public MasterRecord {
            knownReplicas = List.copyOf(knownReplicas);
            knownSentinels = List.copyOf(knownSentinels);
        }
    }

    /**
     * A peer sentinel ({@code known-sentinel name ip port runid}).
     *
     * @param address announced address
     * @param runId run id
     */
    public record KnownSentinel(Address address, String runId) {}
}
