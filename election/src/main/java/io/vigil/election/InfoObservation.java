package io.vigil.election;

import java.util.List;

/**
 * The fields of one INFO reply that Sentinel logic reads, already parsed by the wiring layer.
 *
 * @param runId {@code run_id}, 40 hex characters, or null when absent
 * @param role {@code role}
 * @param replicas {@code slaveN:ip=..,port=..,state=..,offset=..} lines of a master
 * @param masterHost {@code master_host} of a replica, or null
 * @param masterPort {@code master_port} of a replica, or 0
 * @param masterLinkUp {@code master_link_status:up}
 * @param masterLinkDownSinceSeconds {@code master_link_down_since_seconds}, 0 when the link is up or unknown
 * @param replicaPriority {@code slave_priority} / {@code replica-priority} (100 when absent)
 * @param replicaReplOffset {@code slave_repl_offset}
 * @param replicaAnnounced {@code replica_announced} (true when absent)
 * @param masterReplOffset {@code master_repl_offset}
 */
public record InfoObservation(
        String runId,
        ReportedRole role,
        List<ReplicaEntry> replicas,
        String masterHost,
        int masterPort,
        boolean masterLinkUp,
        long masterLinkDownSinceSeconds,
        int replicaPriority,
        long replicaReplOffset,
        boolean replicaAnnounced,
        long masterReplOffset) {

    /** Copies the replica list and checks the role. */
    public InfoObservation {
        if (role == null) {
            throw new IllegalArgumentException("role must not be null (use ReportedRole.UNKNOWN)");
        }
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
        if (replicaPriority < 0) {
            throw new IllegalArgumentException("replicaPriority must be >= 0, was " + replicaPriority);
        }
    }

    /**
     * INFO of an instance reporting {@code role:master}.
     *
     * @param runId run id
     * @param masterReplOffset master_repl_offset
     * @param replicas connected replicas
     * @return the observation
     */
    public static InfoObservation master(String runId, long masterReplOffset, List<ReplicaEntry> replicas) {
        return new InfoObservation(
                runId, ReportedRole.MASTER, replicas, null, 0, false, 0, 100, 0, true, masterReplOffset);
    }

    /**
     * INFO of an instance reporting {@code role:slave}.
     *
     * @param runId run id
     * @param masterHost master_host
     * @param masterPort master_port
     * @param linkUp master_link_status is up
     * @param linkDownSinceSeconds master_link_down_since_seconds
     * @param priority slave_priority
     * @param offset slave_repl_offset
     * @return the observation
     */
    public static InfoObservation replica(
            String runId,
            String masterHost,
            int masterPort,
            boolean linkUp,
            long linkDownSinceSeconds,
            int priority,
            long offset) {
        return new InfoObservation(
                runId,
                ReportedRole.REPLICA,
                List.of(),
                masterHost,
                masterPort,
                linkUp,
                linkDownSinceSeconds,
                priority,
                offset,
                true,
                offset);
    }

    /**
     * One {@code slaveN:} line of a master's INFO.
     *
     * @param ip replica ip
     * @param port replica port
     * @param state {@code online}, {@code wait_bgsave}, ...
     * @param offset acknowledged offset
     */
    public record ReplicaEntry(String ip, int port, String state, long offset) {}
}
