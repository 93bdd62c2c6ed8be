package io.vigil.election.sim;

import io.vigil.election.Address;
import io.vigil.election.InfoObservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A primary/replica store, just enough for Sentinel: role, replicaof target, replication offset, link status,
 * INFO, and the reconfiguration transaction (persisted like CONFIG REWRITE, so a restart keeps the role).
 */
final class StoreModel implements Endpoint {
    final int index;
    final Address address;
    boolean alive = true;
    int group;
    int incarnation;
    String runId;
    boolean master;
    Address replicaOf;
    long offset;
    boolean linkUp;
    long linkDownSince = -1;
    int priority = 100;
    boolean fencingConfigured;
    boolean fencing;
    long epoch;
    final Map<String, long[]> grants = new HashMap<>();

    StoreModel(int index, Address address, String runId) {
        this.index = index;
        this.address = address;
        this.runId = runId;
    }

    @Override
    public int group() {
        return group;
    }

    @Override
    public boolean up() {
        return alive;
    }

    @Override
    public int incarnation() {
        return incarnation;
    }

    @Override
    public String name() {
        return "store" + index + "(" + address + ")";
    }

    /**
     * Accepts writes at {@code now}: the only property clients care about. With fencing (docs/fencing.md, as the
     * embedded store implements it) a primary also needs unexpired grants at its epoch from as many distinct
     * sentinels as the largest quorum those grants asked for.
     */
    boolean acceptsWrites(long now) {
        if (!alive || !master) {
            return false;
        }
        if (!fencing) {
            return true;
        }
        int valid = 0;
        int required = 1;
        for (long[] g : grants.values()) {
            if (g[0] == epoch && g[1] > now) {
                valid++;
                required = Math.max(required, (int) g[2]);
            }
        }
        return valid >= required;
    }

    /** {@code VIGIL LEASE epoch ms GRANTOR id QUORUM n}. */
    void grant(String grantor, long grantEpoch, long ms, int required, long now) {
        learn(grantEpoch);
        if (!master || grantEpoch < epoch) {
            return;
        }
        fencing = true;
        grants.put(grantor, new long[] {grantEpoch, now + ms, required});
    }

    /** {@code VIGIL FENCE epoch}, or an epoch arriving through the replication stream. */
    void learn(long newEpoch) {
        if (newEpoch > epoch) {
            epoch = newEpoch;
            fencing = true;
        }
    }

    /** A restart loses the in-memory epoch and leases; {@code fencing yes} in the config keeps it fenced. */
    void forgetFencing() {
        grants.clear();
        epoch = 0;
        fencing = fencingConfigured;
    }

    void applyReconfigure(Address newMaster, long now) {
        grants.clear();
        if (newMaster == null) {
            master = true;
            replicaOf = null;
            linkUp = false;
            linkDownSince = -1;
        } else if (!newMaster.equals(replicaOf) || master) {
            master = false;
            replicaOf = newMaster;
            linkUp = false;
            linkDownSince = now;
        }
    }

    InfoObservation info(SimWorld w) {
        if (master) {
            List<InfoObservation.ReplicaEntry> replicas = new ArrayList<>();
            for (StoreModel s : w.stores) {
                if (s != this
                        && s.alive
                        && !s.master
                        && address.equals(s.replicaOf)
                        && s.linkUp
                        && w.reachable(this, s)) {
                    replicas.add(
                            new InfoObservation.ReplicaEntry(s.address.host(), s.address.port(), "online", s.offset));
                }
            }
            return InfoObservation.master(runId, offset, replicas);
        }
        long downSeconds = linkUp || linkDownSince < 0 ? 0 : (w.now - linkDownSince) / 1000;
        return InfoObservation.replica(
                runId, replicaOf.host(), replicaOf.port(), linkUp, downSeconds, priority, offset);
    }
}
