package io.vigil.monitor.info;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The fields of one INFO reply that a sentinel acts on, typed, plus every field as text.
 *
 * <p>Immutable. Values the instance did not report are empty ({@code Optional}, {@code OptionalLong}); flags the
 * instance did not report take the value Redis Sentinel assumes ({@code loading} false, {@code replica_announced}
 * true, {@code slave_read_only} false, {@code master_sync_in_progress} false). Built by {@link InfoParser}.
 */
public final class InfoSnapshot {

    /** Field names that {@link InfoParser} maps to typed accessors; everything else is in {@link #unknownFields()}. */
    static final Set<String> KNOWN_FIELDS = Set.of(
            "run_id",
            "role",
            "redis_version",
            "tcp_port",
            "uptime_in_seconds",
            "loading",
            "connected_slaves",
            "master_repl_offset",
            "master_replid",
            "master_failover_state",
            "master_host",
            "master_port",
            "master_link_status",
            "master_link_down_since_seconds",
            "master_last_io_seconds_ago",
            "master_sync_in_progress",
            "slave_repl_offset",
            "slave_read_repl_offset",
            "slave_priority",
            "replica_priority",
            "replica-priority",
            "slave_read_only",
            "replica_announced");

    final Map<String, String> fields;
    final List<String> sections;
    final List<ReplicaEntry> replicas;
    Optional<String> runId = Optional.empty();
    InstanceRole role = InstanceRole.UNKNOWN;
    Optional<String> redisVersion = Optional.empty();
    OptionalInt tcpPort = OptionalInt.empty();
    OptionalLong uptimeSeconds = OptionalLong.empty();
    boolean loading;
    OptionalInt connectedReplicas = OptionalInt.empty();
    OptionalLong masterReplOffset = OptionalLong.empty();
    Optional<String> masterReplId = Optional.empty();
    Optional<String> masterFailoverState = Optional.empty();
    Optional<String> masterHost = Optional.empty();
    OptionalInt masterPort = OptionalInt.empty();
    Optional<MasterLinkStatus> masterLinkStatus = Optional.empty();
    OptionalLong masterLinkDownSinceSeconds = OptionalLong.empty();
    OptionalLong masterLastIoSecondsAgo = OptionalLong.empty();
    boolean masterSyncInProgress;
    OptionalLong slaveReplOffset = OptionalLong.empty();
    OptionalLong slaveReadReplOffset = OptionalLong.empty();
    OptionalInt slavePriority = OptionalInt.empty();
    boolean slaveReadOnly;
    boolean replicaAnnounced = true;

    InfoSnapshot(Map<String, String> fields, List<String> sections, List<ReplicaEntry> replicas) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.sections = List.copyOf(sections);
        this.replicas = List.copyOf(replicas);
    }

    /** {@code run_id}: the 40-hex-character id of this server process (changes on restart). */
    public Optional<String> runId() {
        return runId;
    }

    /** {@code role}: master, replica, or unknown when the reply has no role field. */
    public InstanceRole role() {
        return role;
    }

    /** {@code redis_version}. */
    public Optional<String> redisVersion() {
        return redisVersion;
    }

    /** {@code tcp_port}: the port the server says it listens on. */
    public OptionalInt tcpPort() {
        return tcpPort;
    }

    /** {@code uptime_in_seconds}. */
    public OptionalLong uptimeSeconds() {
        return uptimeSeconds;
    }

    /** {@code loading:1}: the server is loading its dataset (its {@code -LOADING} PING replies still count). */
    public boolean loading() {
        return loading;
    }

    /** {@code connected_slaves} (masters). */
    public OptionalInt connectedReplicas() {
        return connectedReplicas;
    }

    /** The {@code slaveN:} lines of a master, in the order they appeared. */
    public List<ReplicaEntry> replicas() {
        return replicas;
    }

    /** {@code master_repl_offset}: the server's own replication offset (reported by masters and replicas). */
    public OptionalLong masterReplOffset() {
        return masterReplOffset;
    }

    /** {@code master_replid}: the replication id. */
    public Optional<String> masterReplId() {
        return masterReplId;
    }

    /** {@code master_failover_state}, e.g. {@code no-failover} (Redis 6.2+, the FAILOVER command). */
    public Optional<String> masterFailoverState() {
        return masterFailoverState;
    }

    /** {@code master_host} (replicas). */
    public Optional<String> masterHost() {
        return masterHost;
    }

    /** {@code master_port} (replicas). */
    public OptionalInt masterPort() {
        return masterPort;
    }

    /** {@code master_link_status} (replicas). */
    public Optional<MasterLinkStatus> masterLinkStatus() {
        return masterLinkStatus;
    }

    /**
     * {@code master_link_down_since_seconds} (replicas whose link is down); Redis 7 reports {@code -1} when the link
     * has never been up.
     */
    public OptionalLong masterLinkDownSinceSeconds() {
        return masterLinkDownSinceSeconds;
    }

    /** {@code master_last_io_seconds_ago} (replicas); {@code -1} while the link is down. */
    public OptionalLong masterLastIoSecondsAgo() {
        return masterLastIoSecondsAgo;
    }

    /** {@code master_sync_in_progress:1} (replicas). */
    public boolean masterSyncInProgress() {
        return masterSyncInProgress;
    }

    /** {@code slave_repl_offset} (replicas): what the replica has applied; sentinels rank replicas by it. */
    public OptionalLong slaveReplOffset() {
        return slaveReplOffset;
    }

    /** {@code slave_read_repl_offset} (replicas, Redis 7+): what the replica has read from its master. */
    public OptionalLong slaveReadReplOffset() {
        return slaveReadReplOffset;
    }

    /** {@code slave_priority} or {@code replica_priority}/{@code replica-priority}; 0 means never promote. */
    public OptionalInt slavePriority() {
        return slavePriority;
    }

    /** {@code slave_read_only:1} (replicas). */
    public boolean slaveReadOnly() {
        return slaveReadOnly;
    }

    /** {@code replica_announced} (replicas); true when absent, as Redis Sentinel assumes. */
    public boolean replicaAnnounced() {
        return replicaAnnounced;
    }

    /** Every {@code field:value} of the reply as text, in reply order. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The value of any field, as text. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The fields without a typed accessor (including the {@code slaveN} lines), in reply order. */
    public Map<String, String> unknownFields() {
        Map<String, String> unknown = new LinkedHashMap<>(fields);
        unknown.keySet().removeAll(KNOWN_FIELDS);
        return Collections.unmodifiableMap(unknown);
    }

    /** The {@code # Section} header names, in reply order. */
    public List<String> sections() {
        return sections;
    }

    @Override
    public String toString() {
        return "InfoSnapshot{role=" + role + ", run_id=" + runId.orElse("?") + ", port=" + tcpPort + ", replicas="
                + replicas.size() + ", master=" + masterHost.orElse("-") + ":" + masterPort + ", link="
                + masterLinkStatus.map(Enum::name).orElse("-") + "}";
    }
}
