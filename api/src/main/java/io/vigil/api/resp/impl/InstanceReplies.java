package io.vigil.api.resp.impl;

import io.vigil.api.sentinel.InstanceFlag;
import io.vigil.api.sentinel.LinkView;
import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.ReplicaView;
import io.vigil.api.sentinel.SentinelPeerView;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders instance rows exactly as Redis's {@code addReplySentinelRedisInstance}: a map (a flat array in RESP2) whose
 * every value is a bulk string, fields in Redis's fixed order, optional fields only when their condition holds.
 */
public final class InstanceReplies {

    private InstanceReplies() {}

    /** One {@code SENTINEL MASTER} row. */
    public static Reply.MapReply master(MasterView master) {
        Fields f = new Fields();
        common(
                f,
                master.name(),
                master.link(),
                master.failoverState().map(s -> s.wireName()).orElse(null));
        f.put("info-refresh", master.infoRefreshMs());
        f.put("role-reported", master.roleReported().wireName());
        f.put("role-reported-time", master.roleReportedTimeMs());
        f.put("config-epoch", master.configEpoch());
        f.put("num-slaves", master.numSlaves());
        f.put("num-other-sentinels", master.numOtherSentinels());
        f.put("quorum", master.quorum());
        f.put("failover-timeout", master.failoverTimeoutMs());
        f.put("parallel-syncs", master.parallelSyncs());
        master.notificationScript().ifPresent(script -> f.put("notification-script", script));
        master.clientReconfigScript().ifPresent(script -> f.put("client-reconfig-script", script));
        return f.build();
    }

    /** One {@code SENTINEL REPLICAS} row. */
    public static Reply.MapReply replica(ReplicaView replica) {
        Fields f = new Fields();
        common(f, replica.name(), replica.link(), null);
        f.put("info-refresh", replica.infoRefreshMs());
        f.put("role-reported", replica.roleReported().wireName());
        f.put("role-reported-time", replica.roleReportedTimeMs());
        f.put("master-link-down-time", replica.masterLinkDownTimeMs());
        f.put("master-link-status", replica.masterLinkUp() ? "ok" : "err");
        f.put("master-host", replica.masterHost());
        f.put("master-port", replica.masterPort());
        f.put("slave-priority", replica.priority());
        f.put("slave-repl-offset", replica.replOffset());
        f.put("replica-announced", replica.announced() ? 1 : 0);
        return f.build();
    }

    /** One {@code SENTINEL SENTINELS} row. */
    public static Reply.MapReply sentinel(SentinelPeerView peer) {
        Fields f = new Fields();
        common(f, peer.name(), peer.link(), null);
        f.put("last-hello-message", peer.lastHelloMs());
        f.put("voted-leader", peer.votedLeader().orElse("?"));
        f.put("voted-leader-epoch", peer.votedLeaderEpoch());
        return f.build();
    }

    /** {@code SENTINEL MASTERS}: every master's row. */
    public static Reply.Array masters(List<MasterView> masters) {
        List<Reply> rows = new ArrayList<>(masters.size());
        for (MasterView master : masters) {
            rows.add(master(master));
        }
        return new Reply.Array(rows);
    }

    /** {@code SENTINEL REPLICAS}: the rows of announced replicas (Redis hides replicas with replica-announced 0). */
    public static Reply.Array replicas(List<ReplicaView> replicas) {
        List<Reply> rows = new ArrayList<>(replicas.size());
        for (ReplicaView replica : replicas) {
            if (replica.announced()) {
                rows.add(replica(replica));
            }
        }
        return new Reply.Array(rows);
    }

    /** {@code SENTINEL SENTINELS}: every peer's row. */
    public static Reply.Array sentinels(List<SentinelPeerView> peers) {
        List<Reply> rows = new ArrayList<>(peers.size());
        for (SentinelPeerView peer : peers) {
            rows.add(sentinel(peer));
        }
        return new Reply.Array(rows);
    }

    private static void common(Fields f, String name, LinkView link, String failoverState) {
        f.put("name", name);
        f.put("ip", link.ip());
        f.put("port", link.port());
        f.put("runid", link.runid());
        f.put("flags", InstanceFlag.render(link.flags()));
        f.put("link-pending-commands", link.pendingCommands());
        f.put("link-refcount", link.refcount());
        if (failoverState != null) {
            f.put("failover-state", failoverState);
        }
        f.put("last-ping-sent", link.lastPingSentMs());
        f.put("last-ok-ping-reply", link.lastOkPingReplyMs());
        f.put("last-ping-reply", link.lastPingReplyMs());
        link.sDownMs().ifPresent(ms -> f.put("s-down-time", ms));
        link.oDownMs().ifPresent(ms -> f.put("o-down-time", ms));
        f.put("down-after-milliseconds", link.downAfterMs());
    }

    private static final class Fields {
        private final List<Reply> entries = new ArrayList<>(64);

        void put(String key, String value) {
            entries.add(Reply.bulk(key));
            entries.add(Reply.bulk(value));
        }

        void put(String key, long value) {
            put(key, Long.toString(value));
        }

        Reply.MapReply build() {
            return new Reply.MapReply(entries);
        }
    }
}
