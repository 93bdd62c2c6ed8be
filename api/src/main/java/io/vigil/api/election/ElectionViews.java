package io.vigil.api.election;

import io.vigil.api.sentinel.FailoverStateName;
import io.vigil.api.sentinel.InstanceFlag;
import io.vigil.api.sentinel.LinkView;
import io.vigil.api.sentinel.MasterAddress;
import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.QuorumCheck;
import io.vigil.api.sentinel.ReplicaView;
import io.vigil.api.sentinel.ReportedRole;
import io.vigil.api.sentinel.SentinelPeerView;
import io.vigil.api.sentinel.SentinelStatus;
import io.vigil.api.sentinel.SimulatedFailure;
import io.vigil.election.Address;
import io.vigil.election.NodeSnapshot;
import io.vigil.election.SentinelView;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the election core's read model into the port's views. The core keeps absolute node-clock times (-1 for
 * never); the port shows milliseconds ago at the snapshot's {@code now}, as Redis does:
 *
 * <ul>
 *   <li>{@code last-ping-sent}: 0 when no PING is pending;
 *   <li>{@code info-refresh}, {@code role-reported-time}: 0 when never;
 *   <li>{@code last-ok-ping-reply}, {@code last-ping-reply}, {@code last-hello-message}: -1 when never (Redis starts
 *       these at link creation, which the core does not record);
 *   <li>{@code s-down-time}/{@code o-down-time}: shown exactly when the flag is set;
 *   <li>a reported role the core does not know yet shows the configured role.
 * </ul>
 *
 * Link counters come from a {@code links} function (the monitor's links), by instance address.
 */
public final class ElectionViews {

    private final Function<Address, LinkCounts> links;

    /** Views whose link counters come from {@code links}. */
    public ElectionViews(Function<Address, LinkCounts> links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    /** Views for a process that does not count link traffic: every link shows {@link LinkCounts#IDLE}. */
    public static ElectionViews withIdleLinks() {
        return new ElectionViews(address -> LinkCounts.IDLE);
    }

    /** Every master of the snapshot. */
    public List<MasterView> masters(NodeSnapshot snapshot) {
        List<MasterView> views = new ArrayList<>(snapshot.masters().size());
        for (io.vigil.election.MasterView master : snapshot.masters()) {
            views.add(master(snapshot.now(), master));
        }
        return views;
    }

    /** The master named {@code name}, if the snapshot has it. */
    public Optional<MasterView> master(NodeSnapshot snapshot, String name) {
        return find(snapshot, name).map(master -> master(snapshot.now(), master));
    }

    /** The replicas of master {@code name}, if the snapshot has it. */
    public Optional<List<ReplicaView>> replicas(NodeSnapshot snapshot, String name) {
        return find(snapshot, name).map(master -> {
            List<ReplicaView> views = new ArrayList<>(master.replicas().size());
            for (io.vigil.election.ReplicaView replica : master.replicas()) {
                views.add(replica(snapshot.now(), master, replica));
            }
            return views;
        });
    }

    /** The peer sentinels of master {@code name}, if the snapshot has it. */
    public Optional<List<SentinelPeerView>> sentinels(NodeSnapshot snapshot, String name) {
        return find(snapshot, name).map(master -> {
            List<SentinelPeerView> views = new ArrayList<>(master.sentinels().size());
            for (SentinelView peer : master.sentinels()) {
                views.add(peer(snapshot.now(), master, peer));
            }
            return views;
        });
    }

    /** The address clients should use for master {@code name}. */
    public Optional<MasterAddress> masterAddress(NodeSnapshot snapshot, String name) {
        return find(snapshot, name)
                .map(master -> new MasterAddress(
                        master.currentAddress().host(), master.currentAddress().port()));
    }

    /** The CKQUORUM counts for master {@code name}: peers not S_DOWN/O_DOWN plus this sentinel. */
    public Optional<QuorumCheck> checkQuorum(NodeSnapshot snapshot, String name) {
        return find(snapshot, name).map(master -> {
            int usable = 1;
            for (SentinelView peer : master.sentinels()) {
                if (!peer.flags().contains(io.vigil.election.InstanceFlag.S_DOWN)
                        && !peer.flags().contains(io.vigil.election.InstanceFlag.O_DOWN)) {
                    usable++;
                }
            }
            return new QuorumCheck(
                    usable, master.sentinels().size() + 1, master.settings().quorum());
        });
    }

    /** INFO sentinel's process state; scripts and simulated failures are the process's, not the core's. */
    public static SentinelStatus status(
            NodeSnapshot snapshot, int runningScripts, int scriptsQueueLength, Set<SimulatedFailure> simulated) {
        long tiltSeconds = snapshot.tilt() ? Math.max(0, snapshot.now() - snapshot.tiltSince()) / 1000 : -1;
        return new SentinelStatus(snapshot.tilt(), tiltSeconds, runningScripts, scriptsQueueLength, simulated);
    }

    private static Optional<io.vigil.election.MasterView> find(NodeSnapshot snapshot, String name) {
        for (io.vigil.election.MasterView master : snapshot.masters()) {
            if (master.name().equals(name)) {
                return Optional.of(master);
            }
        }
        return Optional.empty();
    }

    private MasterView master(long now, io.vigil.election.MasterView m) {
        Set<InstanceFlag> flags = flags(m.flags());
        flags.add(InstanceFlag.MASTER);
        LinkView link = new LinkView(
                m.currentAddress().host(),
                m.currentAddress().port(),
                m.runId() == null ? "" : m.runId(),
                flags,
                links.apply(m.currentAddress()).pendingCommands(),
                links.apply(m.currentAddress()).refcount(),
                pendingSince(now, m.lastPingSent()),
                agoOrNever(now, m.lastOkPingReply()),
                agoOrNever(now, m.lastPingReply()),
                downFor(now, flags.contains(InstanceFlag.S_DOWN), m.sdownSince()),
                downFor(now, flags.contains(InstanceFlag.O_DOWN), m.odownSince()),
                m.settings().downAfterMs());
        Optional<FailoverStateName> state = flags.contains(InstanceFlag.FAILOVER_IN_PROGRESS)
                ? Optional.of(FailoverStateName.valueOf(m.failoverState().name()))
                : Optional.empty();
        return new MasterView(
                m.name(),
                link,
                state,
                agoOrZero(now, m.infoRefresh()),
                role(m.roleReported(), ReportedRole.MASTER),
                agoOrZero(now, m.roleReportedTime()),
                m.configEpoch(),
                m.replicas().size(),
                m.sentinels().size(),
                m.settings().quorum(),
                m.settings().failoverTimeoutMs(),
                m.settings().parallelSyncs(),
                Optional.empty(),
                Optional.empty());
    }

    private ReplicaView replica(long now, io.vigil.election.MasterView master, io.vigil.election.ReplicaView r) {
        Set<InstanceFlag> flags = flags(r.flags());
        flags.add(InstanceFlag.SLAVE);
        flags.remove(InstanceFlag.O_DOWN);
        LinkView link = new LinkView(
                r.address().host(),
                r.address().port(),
                r.runId() == null ? "" : r.runId(),
                flags,
                links.apply(r.address()).pendingCommands(),
                links.apply(r.address()).refcount(),
                pendingSince(now, r.lastPingSent()),
                agoOrNever(now, r.lastOkPingReply()),
                agoOrNever(now, r.lastPingReply()),
                downFor(now, flags.contains(InstanceFlag.S_DOWN), r.sdownSince()),
                OptionalLong.empty(),
                master.settings().downAfterMs());
        return new ReplicaView(
                link,
                agoOrZero(now, r.infoRefresh()),
                role(r.roleReported(), ReportedRole.SLAVE),
                agoOrZero(now, r.roleReportedTime()),
                r.masterLinkDownMs(),
                r.masterLinkUp(),
                r.masterHost() == null || r.masterHost().isEmpty() ? "?" : r.masterHost(),
                r.masterPort(),
                r.priority(),
                r.replOffset(),
                r.announced());
    }

    private SentinelPeerView peer(long now, io.vigil.election.MasterView master, SentinelView s) {
        Set<InstanceFlag> flags = flags(s.flags());
        flags.add(InstanceFlag.SENTINEL);
        flags.remove(InstanceFlag.O_DOWN);
        LinkView link = new LinkView(
                s.address().host(),
                s.address().port(),
                s.runId(),
                flags,
                links.apply(s.address()).pendingCommands(),
                links.apply(s.address()).refcount(),
                pendingSince(now, s.lastPingSent()),
                agoOrNever(now, s.lastOkPingReply()),
                agoOrNever(now, s.lastPingReply()),
                downFor(now, flags.contains(InstanceFlag.S_DOWN), s.sdownSince()),
                OptionalLong.empty(),
                master.settings().downAfterMs());
        Optional<String> voted =
                s.votedLeader() == null || s.votedLeader().isEmpty() ? Optional.empty() : Optional.of(s.votedLeader());
        return new SentinelPeerView(link, agoOrNever(now, s.lastHelloMessage()), voted, s.votedLeaderEpoch());
    }

    private static Set<InstanceFlag> flags(Set<io.vigil.election.InstanceFlag> core) {
        Set<InstanceFlag> flags = EnumSet.noneOf(InstanceFlag.class);
        for (io.vigil.election.InstanceFlag flag : core) {
            for (InstanceFlag shown : InstanceFlag.values()) {
                if (shown.wireName().equals(flag.wireName())) {
                    flags.add(shown);
                }
            }
        }
        return flags;
    }

    private static ReportedRole role(io.vigil.election.ReportedRole role, ReportedRole configured) {
        return switch (role) {
            case MASTER -> ReportedRole.MASTER;
            case REPLICA -> ReportedRole.SLAVE;
            case UNKNOWN -> configured;
        };
    }

    private static long pendingSince(long now, long time) {
        return time < 0 ? 0 : Math.max(0, now - time);
    }

    private static long agoOrZero(long now, long time) {
        return time < 0 ? 0 : Math.max(0, now - time);
    }

    private static long agoOrNever(long now, long time) {
        return time < 0 ? -1 : Math.max(0, now - time);
    }

    private static OptionalLong downFor(long now, boolean down, long since) {
        return down ? OptionalLong.of(since < 0 ? 0 : Math.max(0, now - since)) : OptionalLong.empty();
    }
}
