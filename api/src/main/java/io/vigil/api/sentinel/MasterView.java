package io.vigil.api.sentinel;

import java.util.Objects;
import java.util.Optional;

/**
 * One monitored master as {@code SENTINEL MASTER(S)} shows it. Times are milliseconds ago at snapshot time.
 *
 * @param name the master's name ({@code mymaster})
 * @param link address, flags and link timings; flags must contain {@link InstanceFlag#MASTER}
 * @param failoverState the running failover's state; present exactly when flags contain FAILOVER_IN_PROGRESS
 * @param infoRefreshMs time since the last INFO reply, 0 when none was received
 * @param roleReported the role the instance reports in INFO
 * @param roleReportedTimeMs time since the reported role was first seen
 * @param configEpoch the master's config epoch
 * @param numSlaves the number of known replicas (announced or not)
 * @param numOtherSentinels the number of other sentinels known for this master
 * @param quorum the quorum
 * @param failoverTimeoutMs failover-timeout
 * @param parallelSyncs parallel-syncs
 * @param notificationScript the notification script, when one is set
 * @param clientReconfigScript the client reconfiguration script, when one is set
 */
public record MasterView(
        String name,
        LinkView link,
        Optional<FailoverStateName> failoverState,
        long infoRefreshMs,
        ReportedRole roleReported,
        long roleReportedTimeMs,
        long configEpoch,
        int numSlaves,
        int numOtherSentinels,
        int quorum,
        long failoverTimeoutMs,
        int parallelSyncs,
        Optional<String> notificationScript,
        Optional<String> clientReconfigScript) {

    /** Checks that the flags agree with the failover state. */
    public MasterView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(failoverState, "failoverState");
        Objects.requireNonNull(roleReported, "roleReported");
        Objects.requireNonNull(notificationScript, "notificationScript");
        Objects.requireNonNull(clientReconfigScript, "clientReconfigScript");
        if (!link.has(InstanceFlag.MASTER)) {
            throw new IllegalArgumentException(
                    "master '" + name + "' must have the MASTER flag, flags=" + InstanceFlag.render(link.flags()));
        }
        if (link.has(InstanceFlag.FAILOVER_IN_PROGRESS) != failoverState.isPresent()) {
            throw new IllegalArgumentException("master '" + name
                    + "': failoverState must be present exactly when flags contain FAILOVER_IN_PROGRESS, flags="
                    + InstanceFlag.render(link.flags()) + " failoverState=" + failoverState);
        }
    }

    /** Whether the master is objectively down, subjectively down, or ok, as INFO's {@code status=} shows. */
    public String status() {
        if (link.has(InstanceFlag.O_DOWN)) {
            return "odown";
        }
        return link.has(InstanceFlag.S_DOWN) ? "sdown" : "ok";
    }
}
