package io.vigil.sentinel.core;

import io.vigil.election.InfoObservation;
import io.vigil.election.ReportedRole;
import io.vigil.monitor.info.InfoSnapshot;
import io.vigil.monitor.info.MasterLinkStatus;
import java.util.List;

/** Turns a parsed INFO reply ({@code monitor/}) into the core's {@link InfoObservation} ({@code election/}). */
public final class InfoMapping {

    private InfoMapping() {}

    /** The observation the core needs from one INFO reply. */
    public static InfoObservation observation(InfoSnapshot info) {
        ReportedRole role =
                switch (info.role()) {
                    case MASTER -> ReportedRole.MASTER;
                    case REPLICA -> ReportedRole.REPLICA;
                    default -> ReportedRole.UNKNOWN;
                };
        List<InfoObservation.ReplicaEntry> replicas = info.replicas().stream()
                .map(r -> new InfoObservation.ReplicaEntry(
                        r.ip(), r.port(), r.state().orElse(""), r.offset().orElse(0)))
                .toList();
        return new InfoObservation(
                info.runId().orElse(null),
                role,
                replicas,
                info.masterHost().orElse(null),
                info.masterPort().orElse(0),
                info.masterLinkStatus().map(s -> s == MasterLinkStatus.UP).orElse(false),
                info.masterLinkDownSinceSeconds().orElse(0),
                info.slavePriority().orElse(100),
                info.slaveReplOffset().orElse(0),
                info.replicaAnnounced(),
                info.masterReplOffset().orElse(0));
    }
}
