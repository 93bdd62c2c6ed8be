package io.vigil.election;

/** Per-instance link and observation state (master, replica or peer sentinel). Package-private, mutable. */
final class Link {
    long lastPingSent = -1;
    long pendingPingSince = -1;
    long lastOkPingReply = -1;
    long lastPingReply = -1;
    long lastAvail;
    boolean disconnected;
    long lastInfoSent = -1;
    long infoRefresh = -1;
    long lastHelloSent = -1;
    String runId;
    ReportedRole roleReported = ReportedRole.UNKNOWN;
    long roleReportedTime;
    boolean sdown;
    long sdownSince = -1;
    long lastSdownAt = -1;

    Link(long now) {
        lastAvail = now;
        roleReportedTime = now;
    }

    void pingSent(long now) {
        lastPingSent = now;
        if (pendingPingSince < 0) {
            pendingPingSince = now;
        }
    }

    void pingReply(long now, PingReply reply) {
        lastPingReply = now;
        if (reply == PingReply.VALID) {
            lastOkPingReply = now;
            lastAvail = now;
            pendingPingSince = -1;
        }
    }

    /** Forgets timings measured across a clock anomaly (entering or leaving TILT). */
    void resetTimers(long now) {
        pendingPingSince = -1;
        lastAvail = now;
        lastPingSent = -1;
        if (roleReportedTime > now) {
            roleReportedTime = now;
        }
        if (infoRefresh > now) {
            infoRefresh = now;
        }
    }

    boolean noDownFor(long now, long ms) {
        return !sdown && (lastSdownAt < 0 || now - lastSdownAt > ms);
    }
}
