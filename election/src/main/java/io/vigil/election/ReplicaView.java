package io.vigil.election;

import java.util.Set;

/**
 * Read model of one replica, for SENTINEL REPLICAS. Times are node clock milliseconds, -1 when never.
 *
 * @param address address (its name is {@code ip:port})
 * @param runId run id, or null
 * @param flags flags
 * @param lastPingSent oldest unanswered PING, or -1
 * @param lastOkPingReply last valid PING reply
 * @param lastPingReply last PING reply
 * @param sdownSince SDOWN start, or -1
 * @param infoRefresh last INFO, or -1
 * @param roleReported role from INFO
 * @param roleReportedTime when first reported
 * @param masterLinkDownMs master-link-down-time
 * @param masterLinkUp master-link-status ok
 * @param masterHost master-host, or null
 * @param masterPort master-port
 * @param priority slave-priority
 * @param replOffset slave-repl-offset
 * @param announced replica-announced
 */
public record ReplicaView(
        Address address,
        String runId,
        Set<InstanceFlag> flags,
        long lastPingSent,
        long lastOkPingReply,
        long lastPingReply,
        long sdownSince,
        long infoRefresh,
        ReportedRole roleReported,
        long roleReportedTime,
        long masterLinkDownMs,
        boolean masterLinkUp,
        String masterHost,
        int masterPort,
        int priority,
        long replOffset,
        boolean announced) {}
