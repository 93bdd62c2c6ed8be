package io.vigil.election;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builds the read model ({@link MasterView}, {@link CkQuorum}) from the node's internal state. */
final class ReadModel {

    private ReadModel() {}

    static MasterView view(MasterState m) {
        Set<InstanceFlag> flags = EnumSet.of(InstanceFlag.MASTER);
        addLinkFlags(flags, m.link);
        if (m.odown) {
            flags.add(InstanceFlag.O_DOWN);
        }
        if (m.failoverState.inProgress()) {
            flags.add(InstanceFlag.FAILOVER_IN_PROGRESS);
        }
        List<ReplicaView> replicas = new ArrayList<>();
        for (ReplicaState r : m.replicas.values()) {
            Set<InstanceFlag> rf = EnumSet.of(InstanceFlag.SLAVE);
            addLinkFlags(rf, r.link);
            if (r.promoted) {
                rf.add(InstanceFlag.PROMOTED);
            }
            switch (r.reconf) {
                case SENT -> rf.add(InstanceFlag.RECONF_SENT);
                case INPROG -> rf.add(InstanceFlag.RECONF_INPROG);
                case DONE -> rf.add(InstanceFlag.RECONF_DONE);
                case NONE -> {}
            }
            replicas.add(new ReplicaView(
                    r.address,
                    r.link.runId,
                    rf,
                    r.link.pendingPingSince,
                    r.link.lastOkPingReply,
                    r.link.lastPingReply,
                    r.link.sdownSince,
                    r.link.infoRefresh,
                    r.link.roleReported,
                    r.link.roleReportedTime,
                    r.masterLinkDownMs,
                    r.masterLinkUp,
                    r.masterHost,
                    r.masterPort,
                    r.priority,
                    r.offset,
                    r.announced));
        }
        List<SentinelView> sentinels = new ArrayList<>();
        for (PeerState p : m.peers.values()) {
            Set<InstanceFlag> sf = EnumSet.of(InstanceFlag.SENTINEL);
            addLinkFlags(sf, p.link);
            if (p.masterDown) {
                sf.add(InstanceFlag.MASTER_DOWN);
            }
            sentinels.add(new SentinelView(
                    p.runId,
                    p.address,
                    sf,
                    p.link.pendingPingSince,
                    p.link.lastOkPingReply,
                    p.link.lastPingReply,
                    p.link.sdownSince,
                    p.lastHelloReceived,
                    p.leader,
                    p.leaderEpoch));
        }
        return new MasterView(
                m.settings,
                m.currentAddress(),
                m.link.runId,
                flags,
                m.failoverState,
                m.failoverEpoch,
                m.link.pendingPingSince,
                m.link.lastOkPingReply,
                m.link.lastPingReply,
                m.link.sdownSince,
                m.odownSince,
                m.link.infoRefresh,
                m.link.roleReported,
                m.link.roleReportedTime,
                m.configEpoch,
                m.leader,
                m.leaderEpoch,
                replicas,
                sentinels);
    }

    private static void addLinkFlags(Collection<InstanceFlag> flags, Link l) {
        if (l.sdown) {
            flags.add(InstanceFlag.S_DOWN);
        }
        if (l.disconnected) {
            flags.add(InstanceFlag.DISCONNECTED);
        }
    }

    static CkQuorum ckquorum(MasterState m) {
        int voters = m.peers.size() + 1;
        int usable = 1;
        for (PeerState p : m.peers.values()) {
            if (!p.link.sdown && !p.link.disconnected) {
                usable++;
            }
        }
        String head = usable + " usable Sentinels. ";
        if (usable < m.settings.quorum()) {
            return new CkQuorum(
                    false,
                    usable,
                    head + "Not enough available Sentinels to reach the specified quorum for this master");
        }
        if (usable < voters / 2 + 1) {
            return new CkQuorum(
                    false,
                    usable,
                    head + "Not enough available Sentinels to reach the majority and authorize a failover");
        }
        return new CkQuorum(true, usable, head + "Quorum and failover authorization can be reached");
    }
}
