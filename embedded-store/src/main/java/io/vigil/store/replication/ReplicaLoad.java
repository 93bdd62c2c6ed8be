package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.persistence.FileInput;
import io.vigil.store.persistence.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A replica's full-sync payload loaded on the loader thread, as Redis loads it while answering {@code -LOADING}:
 * the event loop keeps serving (INFO, ROLE, REPLICAOF, ...) and holds the master's stream until the data is in. The
 * payload is either the received bytes in memory (released when the load ends either way) or, with {@code
 * repl-diskless-load disabled}, the dump file it was just written to.
 */
final class ReplicaLoad implements Persistence.StartupLoad {

    private final ReplicationManager manager;
    private final MasterLink link;
    private final ByteBuf payload;
    private final Path file;
    private final String replid;
    private final long offset;
    private final long totalBytes;
    private final Snapshots snapshots;
    private final long keyDelayMicros;
    private volatile FileInput input;
    private volatile int streamDb = -1;

    private ReplicaLoad(
            ReplicationManager manager,
            MasterLink link,
            ByteBuf payload,
            Path file,
            long totalBytes,
            String replid,
            long offset,
            Snapshots snapshots) {
        this.manager = manager;
        this.link = link;
        this.payload = payload;
        this.file = file;
        this.totalBytes = totalBytes;
        this.replid = replid;
        this.offset = offset;
        this.snapshots = snapshots;
        this.keyDelayMicros = manager.config().getLong("key-load-delay");
    }

    /** Loads the payload received into memory; owns one reference to it. */
    static ReplicaLoad fromMemory(
            ReplicationManager manager,
            MasterLink link,
            ByteBuf payload,
            String replid,
            long offset,
            Snapshots snapshots) {
        return new ReplicaLoad(manager, link, payload, null, payload.readableBytes(), replid, offset, snapshots);
    }

    /** Loads the dump file the payload was written to. */
    static ReplicaLoad fromFile(
            ReplicationManager manager,
            MasterLink link,
            Path file,
            long size,
            String replid,
            long offset,
            Snapshots s) {
        return new ReplicaLoad(manager, link, null, file, size, replid, offset, s);
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public long loadedBytes() {
        FileInput in = input;
        return in == null ? 0 : in.position(); // a payload in memory belongs to the loader thread until it is done
    }

    @Override
    public Keyspace load(int databases) throws IOException {
        Keyspace fresh = new Keyspace(databases, manager.engine().clock());
        if (file == null) {
            try (InputStream in = new ByteBufInputStream(payload.duplicate())) {
                streamDb = snapshots.load(in, fresh, keyDelayMicros);
            }
        } else {
            try (FileInput in = new FileInput(file)) {
                input = in;
                streamDb = snapshots.load(in, fresh, keyDelayMicros);
            }
        }
        return fresh;
    }

    @Override
    public boolean wanted() {
        return manager.syncLoadWanted(link);
    }

    @Override
    public void adopted() {
        release();
        manager.syncLoadEnded(link, wanted(), replid, offset, streamDb);
    }

    @Override
    public boolean failed(Throwable failure) {
        release();
        manager.syncLoadFailed(link, failure.getMessage());
        return false;
    }

    private void release() {
        if (payload != null && payload.refCnt() > 0) {
            payload.release();
        }
    }

    @Override
    public String loadedLog() {
        return "MASTER <-> REPLICA sync: DB loaded in memory";
    }

    @Override
    public String what() {
        return file == null ? "the MASTER synchronization DB" : "the MASTER synchronization DB (" + file + ")";
    }
}
