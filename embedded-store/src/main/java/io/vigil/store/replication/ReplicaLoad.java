package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.persistence.Persistence;

/**
 * A replica's full-sync payload loaded on the loader thread, as Redis loads it while answering {@code -LOADING}:
 * the event loop keeps serving (INFO, ROLE, REPLICAOF, ...) and holds the master's stream until the data is in.
 * Owns one reference to the payload, released when the load ends either way.
 */
final class ReplicaLoad implements Persistence.StartupLoad {

    private final ReplicationManager manager;
    private final MasterLink link;
    private final ByteBuf payload;
    private final String replid;
    private final long offset;
    private final int totalBytes;
    private final Snapshots snapshots;
    private volatile int streamDb = -1;

    ReplicaLoad(
            ReplicationManager manager,
            MasterLink link,
            ByteBuf payload,
            String replid,
            long offset,
            Snapshots snapshots) {
        this.manager = manager;
        this.link = link;
        this.payload = payload;
        this.replid = replid;
        this.offset = offset;
        this.totalBytes = payload.readableBytes();
        this.snapshots = snapshots;
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public long loadedBytes() {
        return 0; // the payload buffer belongs to the loader thread until it is done
    }

    @Override
    public Keyspace load(int databases) {
        Keyspace fresh = new Keyspace(databases, manager.engine().clock());
        streamDb = snapshots.load(payload, fresh);
        return fresh;
    }

    @Override
    public boolean wanted() {
        return manager.syncLoadWanted(link);
    }

    @Override
    public void adopted() {
        payload.release();
        manager.syncLoadEnded(link, wanted(), replid, offset, streamDb);
    }

    @Override
    public boolean failed(Throwable failure) {
        payload.release();
        manager.syncLoadFailed(link, failure.getMessage());
        return false;
    }

    @Override
    public String loadedLog() {
        return "MASTER <-> REPLICA sync: DB loaded in memory";
    }

    @Override
    public String what() {
        return "the MASTER synchronization DB";
    }
}
