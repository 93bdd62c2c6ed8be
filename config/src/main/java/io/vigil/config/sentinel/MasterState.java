package io.vigil.config.sentinel;

import io.vigil.config.ValueTypes;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything sentinel.conf records about one monitored master: the {@code monitor} line, its options, and the state
 * a sentinel persists (epochs, the last vote, the replicas and peers it discovered).
 *
 * @param name the master name ({@code [A-Za-z0-9._-]+})
 * @param address the current master address (after a failover: the promoted replica)
 * @param quorum sentinels that must agree the master is down, at least 1
 * @param options down-after, failover-timeout, ...
 * @param configEpoch the epoch of the configuration (the failover that produced the current address)
 * @param leaderEpoch the epoch of the last vote this sentinel cast for this master
 * @param leader the run id voted for in {@code leaderEpoch}, when known (Vigil persists it, Redis does not)
 * @param knownReplicas replicas discovered (not including the master itself); a set, kept sorted by host and port
 * @param knownSentinels peer sentinels discovered, at most one per run id (the last given wins); a set, kept sorted
 *     by run id
 */
public record MasterState(
        String name,
        HostPort address,
        int quorum,
        MasterOptions options,
        long configEpoch,
        long leaderEpoch,
        Optional<String> leader,
        List<HostPort> knownReplicas,
        List<KnownSentinel> knownSentinels) {

    private static final Comparator<HostPort> BY_ADDRESS =
            Comparator.comparing(HostPort::host).thenComparingInt(HostPort::port);

    /**
     * Validates every field; replicas and sentinels are copied, de-duplicated and sorted, so that two states with the
     * same discoveries are equal whatever order they were found in.
     */
    public MasterState {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "master name must be letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be >= 1, was " + quorum);
        }
        if (configEpoch < 0 || leaderEpoch < 0) {
            throw new IllegalArgumentException(
                    "epochs must be >= 0, were config-epoch " + configEpoch + " and leader-epoch " + leaderEpoch);
        }
        if (leader.isPresent()) {
            if (!ValueTypes.isRunId(leader.get())) {
                throw new IllegalArgumentException("leader must be a 40-hex run id, was '" + leader.get() + "'");
            }
            leader = Optional.of(leader.get().toLowerCase(Locale.ROOT));
        }
        TreeSet<HostPort> replicas = new TreeSet<>(BY_ADDRESS);
        replicas.addAll(knownReplicas);
        knownReplicas = List.copyOf(replicas);
        Map<String, KnownSentinel> byRunId = new TreeMap<>();
        for (KnownSentinel sentinel : knownSentinels) {
            byRunId.put(sentinel.runId(), sentinel);
        }
        knownSentinels = List.copyOf(byRunId.values());
    }

    /** A newly monitored master: default options, epoch 0, nothing discovered yet. */
    public static MasterState monitor(String name, HostPort address, int quorum) {
        return new MasterState(
                name, address, quorum, MasterOptions.DEFAULTS, 0, 0, Optional.empty(), List.of(), List.of());
    }

    /** A copy with a new address and config epoch, as after a failover or a config update from a peer. */
    public MasterState withAddress(HostPort newAddress, long newConfigEpoch) {
        return new MasterState(
                name, newAddress, quorum, options, newConfigEpoch, leaderEpoch, leader, knownReplicas, knownSentinels);
    }

    /** A copy recording a vote for {@code runId} in {@code epoch}. */
    public MasterState withVote(String runId, long epoch) {
        return new MasterState(
                name, address, quorum, options, configEpoch, epoch, Optional.of(runId), knownReplicas, knownSentinels);
    }

    /** A copy with another quorum. */
    public MasterState withQuorum(int newQuorum) {
        return new MasterState(
                name, address, newQuorum, options, configEpoch, leaderEpoch, leader, knownReplicas, knownSentinels);
    }

    /** A copy with other options. */
    public MasterState withOptions(MasterOptions newOptions) {
        return new MasterState(
                name, address, quorum, newOptions, configEpoch, leaderEpoch, leader, knownReplicas, knownSentinels);
    }

    /** A copy with another list of known replicas. */
    public MasterState withKnownReplicas(List<HostPort> replicas) {
        return new MasterState(
                name, address, quorum, options, configEpoch, leaderEpoch, leader, replicas, knownSentinels);
    }

    /** A copy with another list of known sentinels. */
    public MasterState withKnownSentinels(List<KnownSentinel> sentinels) {
        return new MasterState(
                name, address, quorum, options, configEpoch, leaderEpoch, leader, knownReplicas, sentinels);
    }
}
