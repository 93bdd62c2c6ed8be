package io.vigil.sentinel.core;

import io.vigil.config.sentinel.HostPort;
import io.vigil.config.sentinel.KnownSentinel;
import io.vigil.config.sentinel.MasterOptions;
import io.vigil.config.sentinel.MasterState;
import io.vigil.config.sentinel.SentinelState;
import io.vigil.election.Address;
import io.vigil.election.DurableState;
import io.vigil.election.MasterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps between what sentinel.conf records ({@link SentinelState}, from {@code config/}) and what the decision core
 * persists ({@link DurableState}, from {@code election/}). Options the core does not know (auth, scripts, renamed
 * commands, fencing) are carried over from the last file state.
 */
public final class StateMapping {

    private StateMapping() {}

    /** The core's durable state from the file's; {@code myId} must already be set in {@code state}. */
    public static DurableState toDurable(SentinelState state) {
        String myId = state.myId().orElseThrow(() -> new IllegalArgumentException("sentinel myid is not set"));
        List<DurableState.MasterRecord> masters = new ArrayList<>();
        for (MasterState m : state.masters()) {
            masters.add(new DurableState.MasterRecord(
                    settings(m),
                    m.configEpoch(),
                    m.leader().orElse(null),
                    m.leaderEpoch(),
                    m.knownReplicas().stream().map(StateMapping::address).toList(),
                    m.knownSentinels().stream()
                            .map(s -> new DurableState.KnownSentinel(address(s.address()), s.runId()))
                            .toList()));
        }
        return new DurableState(myId, state.currentEpoch(), masters);
    }

    /** The core's settings for one master of the file. */
    public static MasterSettings settings(MasterState m) {
        MasterOptions o = m.options();
        return new MasterSettings(
                m.name(),
                address(m.address()),
                m.quorum(),
                o.downAfterMs(),
                o.failoverTimeoutMs(),
                o.parallelSyncs(),
                o.maxLagBytes().orElse(-1),
                o.writeFencing() ? o.effectiveWriteFencingLeaseMs() : 0);
    }

    /**
     * The file state for the core's durable state, keeping the options of {@code base} that the core does not
     * track.
     */
    public static SentinelState toFile(DurableState durable, SentinelState base) {
        List<MasterState> masters = new ArrayList<>();
        for (DurableState.MasterRecord r : durable.masters()) {
            MasterSettings s = r.settings();
            MasterOptions options = base.master(s.name())
                    .map(MasterState::options)
                    .orElse(MasterOptions.DEFAULTS)
                    .withDownAfterMs(s.downAfterMs())
                    .withFailoverTimeoutMs(s.failoverTimeoutMs())
                    .withParallelSyncs(s.parallelSyncs());
            MasterOptions current = options;
            OptionalLong lag = s.maxLagBytes() < 0 ? OptionalLong.empty() : OptionalLong.of(s.maxLagBytes());
            options = current.withGuards(lag, current.writeFencing(), current.writeFencingLeaseMs());
            masters.add(new MasterState(
                    s.name(),
                    hostPort(s.address()),
                    s.quorum(),
                    options,
                    r.configEpoch(),
                    r.leaderEpoch(),
                    Optional.ofNullable(r.leader()).filter(l -> !"*".equals(l)),
                    r.knownReplicas().stream().map(StateMapping::hostPort).toList(),
                    r.knownSentinels().stream()
                            .map(k -> new KnownSentinel(hostPort(k.address()), k.runId()))
                            .toList()));
        }
        return new SentinelState(Optional.of(durable.myId()), durable.currentEpoch(), masters);
    }

    static Address address(HostPort hp) {
        return new Address(hp.host(), hp.port());
    }

    static HostPort hostPort(Address a) {
        return new HostPort(a.host(), a.port());
    }
}
