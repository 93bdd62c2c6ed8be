package io.vigil.sentinel.core;

import io.vigil.api.sentinel.FailoverStateName;
import io.vigil.api.sentinel.InstanceFlag;
import io.vigil.api.sentinel.LinkView;
import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.ReplicaView;
import io.vigil.api.sentinel.ReportedRole;
import io.vigil.api.sentinel.SentinelPeerView;
import io.vigil.election.Address;
import io.vigil.election.FailoverState;
import io.vigil.election.SentinelView;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Renders the core's read model ({@code election/}) as the RESP port's views ({@code api/}): absolute times
 * become "milliseconds ago" at the snapshot's time, flags and roles map by name.
 */
final class ViewMapping {

    private final long now;
    private final ToLongFunction<Address> pendingCommands;

    /**
     * @param now the snapshot's time
     * @param pendingCommands the link's pending command count for an address
     */
    ViewMapping(long now, ToLongFunction<Address> pendingCommands) {
        this.now = now;
        this.pendingCommands = pendingCommands;
    }

    MasterView master(io.vigil.election.MasterView m) {
        Set<InstanceFlag> flags = flags(m.flags());
        Optional<FailoverStateName> state = Optional.empty();
        if (flags.contains(InstanceFlag.FAILOVER_IN_PROGRESS)) {
            FailoverState s = m.failoverState() == FailoverState.NONE ? FailoverState.WAIT_START : m.failoverState();
            state = Optional.of(FailoverStateName.valueOf(s.name()));
        }
        LinkView link = link(
                m.currentAddress(),
                m.runId(),
                flags,
                m.lastPingSent(),
                m.lastOkPingReply(),
                m.lastPingReply(),
                m.sdownSince(),
                m.odownSince(),
                m.settings().downAfterMs());
        return new MasterView(
                m.name(),
                link,
                state,
                ago(m.infoRefresh()),
                m.roleReported() == io.vigil.election.ReportedRole.REPLICA ? ReportedRole.SLAVE : ReportedRole.MASTER,
                ago(m.roleReportedTime()),
                m.configEpoch(),
                m.replicas().size(),
                m.sentinels().size(),
                m.settings().quorum(),
                m.settings().failoverTimeoutMs(),
                m.settings().parallelSyncs(),
                Optional.empty(),
                Optional.empty());
    }

    ReplicaView replica(io.vigil.election.MasterView master, io.vigil.election.ReplicaView r) {
        LinkView link = link(
                r.address(),
                r.runId(),
                flags(r.flags()),
                r.lastPingSent(),
                r.lastOkPingReply(),
                r.lastPingReply(),
                r.sdownSince(),
                -1,
                master.settings().downAfterMs());
        return new ReplicaView(
                link,
                ago(r.infoRefresh()),
                r.roleReported() == io.vigil.election.ReportedRole.MASTER ? ReportedRole.MASTER : ReportedRole.SLAVE,
                ago(r.roleReportedTime()),
                r.masterLinkDownMs(),
                r.masterLinkUp(),
                r.masterHost() == null ? "?" : r.masterHost(),
                r.masterPort(),
                r.priority(),
                r.replOffset(),
                r.announced());
    }

    SentinelPeerView sentinel(io.vigil.election.MasterView master, SentinelView s) {
        LinkView link = link(
                s.address(),
                s.runId(),
                flags(s.flags()),
                s.lastPingSent(),
                s.lastOkPingReply(),
                s.lastPingReply(),
                s.sdownSince(),
                -1,
                master.settings().downAfterMs());
        Optional<String> leader = Optional.ofNullable(s.votedLeader()).filter(l -> !l.isEmpty() && !"*".equals(l));
        return new SentinelPeerView(link, ago(s.lastHelloMessage()), leader, s.votedLeaderEpoch());
    }

    private LinkView link(
            Address address,
            String runId,
            Set<InstanceFlag> flags,
            long lastPingSent,
            long lastOkPingReply,
            long lastPingReply,
            long sdownSince,
            long odownSince,
            long downAfterMs) {
        OptionalLong sdown =
                flags.contains(InstanceFlag.S_DOWN) ? OptionalLong.of(ago(sdownSince)) : OptionalLong.empty();
        OptionalLong odown =
                flags.contains(InstanceFlag.O_DOWN) ? OptionalLong.of(ago(odownSince)) : OptionalLong.empty();
        return new LinkView(
                address.host(),
                address.port(),
                runId == null ? "" : runId,
                flags,
                pendingCommands.applyAsLong(address),
                1,
                ago(lastPingSent),
                ago(lastOkPingReply),
                ago(lastPingReply),
                sdown,
                odown,
                downAfterMs);
    }

    private long ago(long time) {
        return time < 0 ? 0 : Math.max(0, now - time);
    }

    private static Set<InstanceFlag> flags(Set<io.vigil.election.InstanceFlag> flags) {
        Set<InstanceFlag> out = EnumSet.noneOf(InstanceFlag.class);
        for (io.vigil.election.InstanceFlag f : flags) {
            out.add(InstanceFlag.valueOf(f.name()));
        }
        return out;
    }
}
