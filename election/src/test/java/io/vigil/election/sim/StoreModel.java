package io.vigil.election.sim;

import io.vigil.election.Address;
import io.vigil.election.InfoObservation;
import java.util.ArrayList;
import java.util.List;

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

    /** Accepts writes: the only property clients care about. */
    boolean acceptsWrites() {
        return alive && master;
    }

    void applyReconfigure(Address newMaster, long now) {
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
