package io.vigil.api.sentinel;

import java.util.Objects;

/**
 * One replica of a monitored master as {@code SENTINEL REPLICAS} shows it. Its name is {@code ip:port}.
 *
 * @param link address, flags and link timings; flags must contain {@link InstanceFlag#SLAVE}
 * @param infoRefreshMs time since the last INFO reply, 0 when none was received
 * @param roleReported the role the replica reports in INFO
 * @param roleReportedTimeMs time since the reported role was first seen
 * @param masterLinkDownTimeMs {@code master_link_down_since_seconds} in milliseconds as the replica reports it
 * @param masterLinkUp whether the replica reports {@code master_link_status:up} (shown as {@code ok}/{@code err})
 * @param masterHost the master host the replica reports, or {@code ?} when unknown
 * @param masterPort the master port the replica reports
 * @param priority {@code slave_priority}/{@code replica-priority}
 * @param replOffset {@code slave_repl_offset}
 * @param announced {@code replica_announced}; replicas that are not announced are left out of the listing
 */
public record ReplicaView(
        LinkView link,
        long infoRefreshMs,
        ReportedRole roleReported,
        long roleReportedTimeMs,
        long masterLinkDownTimeMs,
        boolean masterLinkUp,
        String masterHost,
        int masterPort,
        int priority,
        long replOffset,
        boolean announced) {

    /** Checks the flags. */
    public ReplicaView {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(roleReported, "roleReported");
        Objects.requireNonNull(masterHost, "masterHost (use \"?\" when unknown)");
        if (!link.has(InstanceFlag.SLAVE)) {
            throw new IllegalArgumentException("replica " + link.ip() + ":" + link.port()
                    + " must have the SLAVE flag, flags=" + InstanceFlag.render(link.flags()));
        }
    }

    /** The replica's name, {@code ip:port}. */
    public String name() {
        return link.ip() + ":" + link.port();
    }
}
