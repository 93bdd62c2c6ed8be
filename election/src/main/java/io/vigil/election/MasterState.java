package io.vigil.election;

import java.util.LinkedHashMap;
import java.util.Map;

/** A monitored master with its replicas, peers, votes and failover progress. Package-private, mutable. */
final class MasterState {
    MasterSettings settings;
    Link link;
    long configEpoch;
    String leader;
    long leaderEpoch;
    final Map<Address, ReplicaState> replicas = new LinkedHashMap<>();
    final Map<String, PeerState> peers = new LinkedHashMap<>();

    boolean odown;
    long odownSince = -1;
    FailoverState failoverState = FailoverState.NONE;
    long failoverEpoch;
    long failoverStateChangeTime;
    long failoverStartTime = -1;
    long nextTryAt = Long.MIN_VALUE;
    long tryAt = -1;
    boolean forced;
    boolean overrideMaxLag;
    ReplicaState promoted;
    long lastPromotionSent = -1;
    long bestMasterOffset = -1;
    String lastNotStartedReason;
    long lastLeaseSent = -1;
    long leaseAllowedAt;
    Address leaseTarget;
    long votedForOtherAt = -1;

    MasterState(MasterSettings settings, long now) {
        this.settings = settings;
        this.link = new Link(now);
    }

    String name() {
        return settings.name();
    }

    Address address() {
        return settings.address();
    }

    /** The address clients should use: the promoted replica as soon as it is promoted. */
    Address currentAddress() {
        if (promoted != null && failoverState.compareTo(FailoverState.RECONF_SLAVES) >= 0) {
            return promoted.address;
        }
        return settings.address();
    }

    void moveTo(FailoverState next, long now) {
        failoverState = failoverState.checkTransition(next);
        failoverStateChangeTime = now;
    }

    PeerState peerByAddress(Address a) {
        for (PeerState p : peers.values()) {
            if (p.address.equals(a)) {
                return p;
            }
        }
        return null;
    }

    Link linkOf(Address a) {
        if (a.equals(settings.address())) {
            return link;
        }
        ReplicaState r = replicas.get(a);
        if (r != null) {
            return r.link;
        }
        PeerState p = peerByAddress(a);
        return p == null ? null : p.link;
    }
}
