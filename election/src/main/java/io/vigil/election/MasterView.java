package io.vigil.election;

import java.util.List;
import java.util.Set;

/**
 * Read model of one monitored master, for SENTINEL MASTER/MASTERS/GET-MASTER-ADDR-BY-NAME/INFO. Times are node
 * clock milliseconds (absolute, -1 when never); the API computes "ms ago" against {@link NodeSnapshot#now()}.
 *
 * @param settings name, configured address, quorum, down-after, failover-timeout, parallel-syncs, max-lag
 * @param currentAddress the address to give clients (the promoted replica as soon as it is promoted)
 * @param runId run id from INFO, or null
 * @param flags flags
 * @param failoverState failover state
 * @param failoverEpoch epoch of the running or last failover try
 * @param lastPingSent time of the oldest unanswered PING (Redis {@code last-ping-sent}), or -1
 * @param lastOkPingReply last valid PING reply
 * @param lastPingReply last PING reply of any kind
 * @param sdownSince SDOWN start, or -1
 * @param odownSince ODOWN start, or -1
 * @param infoRefresh last INFO, or -1
 * @param roleReported role from INFO
 * @param roleReportedTime when that role was first reported
 * @param configEpoch config epoch
 * @param leader this node's vote for this master, or null
 * @param leaderEpoch epoch of that vote
 * @param replicas replicas
 * @param sentinels peer sentinels
 */
public record MasterView(
        MasterSettings settings,
        Address currentAddress,
        String runId,
        Set<InstanceFlag> flags,
        FailoverState failoverState,
        long failoverEpoch,
        long lastPingSent,
        long lastOkPingReply,
        long lastPingReply,
        long sdownSince,
        long odownSince,
        long infoRefresh,
        ReportedRole roleReported,
        long roleReportedTime,
        long configEpoch,
        String leader,
        long leaderEpoch,
        List<ReplicaView> replicas,
        List<SentinelView> sentinels) {

    /** Returns {@code ok}, {@code sdown} or {@code odown} for INFO sentinel. */
    public String status() {
        if (flags.contains(InstanceFlag.O_DOWN)) {
            return "odown";
        }
        return flags.contains(InstanceFlag.S_DOWN) ? "sdown" : "ok";
    }

    /** Returns the master name. */
    public String name() {
        return settings.name();
    }
}
